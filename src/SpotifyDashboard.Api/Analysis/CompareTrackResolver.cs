using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Lookup;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>What <see cref="CompareTrackResolver"/> found: the tracks with features (in the order asked), the ids without, or why it could not ask.</summary>
public sealed record CompareTracksOutcome(IReadOnlyList<(Track Track, AudioFeatures Features)> Found, IReadOnlyList<string> Missing, string? Unavailable);

/// <summary>
/// Features of a listener's tracks by id for <c>POST /api/compare</c>. In demo mode the demo catalogue answers (its ids are
/// <c>demo:…</c>; no provider knows them, and real ids are unknown there); otherwise the enrichment's cached lookup by id,
/// through the same <see cref="UpstreamLookupGate"/> slot as the other anonymous lookups.
/// </summary>
public sealed class CompareTrackResolver(ActiveSource activeSource, DemoSongIndex demo, UpstreamLookupGate gate, IServiceProvider services)
{
    public async Task<CompareTracksOutcome> ResolveAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default)
    {
        if ((await activeSource.GetAsync(cancellationToken)).Kind == SurveySourceKind.Demo)
        {
            return Split(trackIds, id => demo.FindById(id) is { } song ? SongOutcome.Found(song.ToTrack(), song.Features) : null);
        }

        var spotifyIds = trackIds.Where(id => !id.StartsWith(CompareRequestValidation.DemoIdPrefix, StringComparison.Ordinal)).ToList();
        if (spotifyIds.Count == 0)
        {
            return Split(trackIds, _ => null);
        }

        // The lookup lives in the enrichment library; the api may run without it.
        if (services.GetService<ITrackFeatureLookup>() is not { } lookup)
        {
            return new CompareTracksOutcome([], [], PredictionSongResolver.LookupNotConfigured);
        }

        using var slot = await gate.EnterAsync(cancellationToken);
        if (slot is null)
        {
            return new CompareTracksOutcome([], [], UpstreamLookupGate.Busy);
        }

        var outcomes = await lookup.LookupTracksForVisitorAsync(spotifyIds, cancellationToken);
        // A provider that cannot answer now is not "this track has no features": say so rather than answer with fewer tracks.
        if (outcomes.Values.FirstOrDefault(o => o.Kind == SongOutcomeKind.Deferred) is { } deferred)
        {
            return new CompareTracksOutcome([], [], deferred.Reason ?? "The track lookup could not answer now; try again later.");
        }

        return Split(trackIds, id => outcomes.GetValueOrDefault(id));
    }

    private static CompareTracksOutcome Split(IReadOnlyList<string> trackIds, Func<string, SongOutcome?> find)
    {
        var found = new List<(Track, AudioFeatures)>();
        var missing = new List<string>();
        foreach (var id in trackIds)
        {
            if (find(id) is { Kind: SongOutcomeKind.Found, Track: { } track, Features: { } features })
            {
                found.Add((track, features));
            }
            else
            {
                missing.Add(id);
            }
        }

        return new CompareTracksOutcome(found, missing, null);
    }

    /// <summary>
    /// The demo listener: <paramref name="count"/> catalogue songs the way a real listener's top tracks look — most from one
    /// favourite genre, the rest spread over the others — chosen by the demo seed alone, so every call gives the same list.
    /// </summary>
    public static IReadOnlyList<string> DemoListenerTrackIds(DemoCatalog catalog, int seed, int count = 20)
    {
        var random = new Random(seed);
        var genres = catalog.SongsByGenre.Keys.Order(StringComparer.Ordinal).ToList();
        var favourite = genres[random.Next(genres.Count)];
        var fromFavourite = count * 3 / 5;
        var favourites = catalog.SongsByGenre[favourite].OrderBy(_ => random.Next()).Take(fromFavourite);
        var others = catalog.Songs.Where(s => s.Genre != favourite).OrderBy(_ => random.Next()).Take(count - fromFavourite);
        return [.. favourites.Concat(others).Select(s => s.Id)];
    }
}
