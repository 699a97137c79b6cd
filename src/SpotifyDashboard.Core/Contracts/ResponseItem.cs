using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Core.Contracts;

/// <summary>One response as <c>GET /api/responses</c> shows it: a pseudonym, never the raw name.</summary>
public sealed record ResponseItem(
    string Id,
    DateTimeOffset SubmittedAt,
    string Student,
    string Major,
    string Year,
    string Song,
    string Artist,
    EnrichmentState Enrichment,
    TrackSummary? Track,
    AudioFeatures? Features)
{
    public static ResponseItem From(EnrichedResponse item) => new(
        item.Response.Id,
        item.Response.SubmittedAt,
        item.Response.Student,
        item.Response.Major,
        item.Response.Year,
        item.Response.FavoriteSong,
        item.Response.Artist,
        item.Enrichment,
        item.Track is null ? null : TrackSummary.From(item.Track),
        item.Features);
}

public sealed record TrackSummary(string Id, string Name, IReadOnlyList<string> Artists, string? Album, string? ImageUrl, string? FeatureSource)
{
    public static TrackSummary From(Track track) =>
        new(track.Id, track.Name, track.Artists, track.Album, track.ImageUrl, track.FeatureSource);
}

public sealed record ResponsePage(long Total, IReadOnlyList<ResponseItem> Items);
