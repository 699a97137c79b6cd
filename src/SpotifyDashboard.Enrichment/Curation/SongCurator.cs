using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Enrichment.Curation;

/// <summary>
/// The admin side of enrichment. Overrides are stored in Redis and the affected responses go
/// back to pending: the worker, which has the Spotify credentials, re-enriches them on its next
/// tick (the api may have none).
/// </summary>
public sealed class SongCurator(SurveyResponseStore responses, SongOverrideStore overrides, TimeProvider time)
{
    public async Task<UnmatchedReport> GetUnmatchedAsync(string source)
    {
        var unmatched = (await responses.GetAllAsync(source))
            .Where(r => r.Enrichment == EnrichmentState.Unmatched)
            .GroupBy(r => SongKey.For(r.Response.FavoriteSong, r.Response.Artist))
            .Select(g => new UnmatchedSong(
                g.First().Response.FavoriteSong,
                g.First().Response.Artist,
                g.Select(r => r.Response.Student).Distinct(StringComparer.Ordinal).Count(),
                g.First().EnrichmentNote,
                g.Key))
            .OrderByDescending(s => s.Students)
            .ThenBy(s => s.Song, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new UnmatchedReport(unmatched.Count, unmatched);
    }

    /// <summary>Problems with the request by field; empty when it can be applied.</summary>
    public static Dictionary<string, string[]> Validate(OverrideRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.SongKey) && string.IsNullOrWhiteSpace(request.Song))
        {
            errors["song"] = ["Name the song: either songKey (from /api/unmatched) or song and artist."];
        }

        if (!SpotifyTrackId.TryParse(request.Track, out _))
        {
            errors["track"] = [$"track must be a Spotify track id, spotify:track:… URI or open.spotify.com/track/… URL; got '{request.Track}'."];
        }

        return errors;
    }

    /// <summary>The override a valid <paramref name="request"/> asks for.</summary>
    public SongOverride OverrideFor(OverrideRequest request)
    {
        if (!SpotifyTrackId.TryParse(request.Track, out var trackId))
        {
            throw new ArgumentException("The track is not a Spotify track id; validate the request first.", nameof(request));
        }

        var key = string.IsNullOrWhiteSpace(request.SongKey) ? SongKey.For(request.Song, request.Artist) : request.SongKey.Trim();
        return new SongOverride(key, trackId, request.Song, request.Artist, time.GetUtcNow());
    }

    public Task<OverrideAccepted> ApplyOverrideAsync(string source, OverrideRequest request) =>
        ApplyOverrideAsync(source, OverrideFor(request));

    public async Task<OverrideAccepted> ApplyOverrideAsync(string source, SongOverride songOverride)
    {
        var (key, trackId) = (songOverride.SongKey, songOverride.TrackId);
        await overrides.SetAsync(songOverride);

        var requeued = 0;
        var requeue = ResponseChanges.Requeue(EnrichmentReasons.OverrideQueued(trackId));
        var others = (await responses.GetAllAsync(source))
            .Where(r => SongKey.For(r.Response.FavoriteSong, r.Response.Artist) == key && r.Track?.Id != trackId);
        foreach (var response in others)
        {
            // Checked again on the stored document: the worker may have written this very track meanwhile.
            var outcome = await responses.UpdateAsync(source, response.Response.Id, current => current.Track?.Id == trackId ? null : requeue(current));
            requeued += outcome == ResponseUpdateOutcome.Updated ? 1 : 0;
        }

        return new OverrideAccepted(key, trackId, requeued);
    }
}
