namespace SpotifyDashboard.Api.Analysis;

/// <summary>What <see cref="VisitorSongLookup.ResolveTracksAsync"/> found: the tracks with features (in the order asked), the ids without, or why it could not ask.</summary>
public sealed record CompareTracksOutcome(IReadOnlyList<(Track Track, AudioFeatures Features)> Found, IReadOnlyList<string> Missing, string? Unavailable);

/// <summary>
/// Finds the audio features of songs an anonymous visitor asks about (predict-major, twins of a song, compare): from the
/// demo catalogue in demo mode (its songs are fictional, no provider knows them, and real ids are unknown there),
/// otherwise through the enrichment's cached lookup, one of few at a time (<see cref="UpstreamLookupGate"/>), with a miss
/// remembered only briefly. The lookups live in the enrichment library; the api may run without them.
/// </summary>
public sealed class VisitorSongLookup(ActiveSource activeSource, DemoSongIndex demo, UpstreamLookupGate gate, IServiceProvider services)
{
    public const string LookupNotConfigured =
        "Song lookup is not set up in the api (the enrichment services are not registered), so songs outside the survey cannot be enriched.";

    public async Task<SongOutcome> ResolveSongAsync(string title, string? artist, CancellationToken cancellationToken = default)
    {
        if (await IsDemoAsync(cancellationToken))
        {
            return demo.Find(title, artist) is { } song
                ? SongOutcome.Found(song.ToTrack(), song.Features)
                : SongOutcome.Unmatched("Demo mode knows only its fictional catalogue, and no song there has this title and artist; GET /api/responses shows some.");
        }

        if (services.GetService<ISongFeatureLookup>() is not { } lookup)
        {
            return SongOutcome.Deferred(LookupNotConfigured);
        }

        using var slot = await gate.EnterAsync(cancellationToken);
        return slot is null
            ? SongOutcome.Deferred(UpstreamLookupGate.Busy)
            : await lookup.LookupForVisitorAsync(title, artist ?? "", cancellationToken);
    }

    /// <summary>
    /// Features of songs a listener typed (<c>POST /api/compare</c> without Spotify), one after another; the songs nothing
    /// matches are missing by their title (and artist). Unavailable when the lookup cannot answer now for one of them.
    /// </summary>
    public async Task<CompareTracksOutcome> ResolveSongsAsync(IReadOnlyList<CompareSong> songs, CancellationToken cancellationToken = default)
    {
        var found = new List<(Track, AudioFeatures)>();
        var missing = new List<string>();
        foreach (var song in songs)
        {
            var (title, artist) = (song.Song!.Trim(), song.Artist?.Trim());
            var outcome = await ResolveSongAsync(title, artist, cancellationToken);
            if (outcome is { Kind: SongOutcomeKind.Found, Track: { } track, Features: { } features })
            {
                if (!found.Any(f => f.Item1.Id == track.Id))
                {
                    found.Add((track, features));
                }
            }
            else if (outcome.Kind == SongOutcomeKind.Deferred)
            {
                return new CompareTracksOutcome([], [], outcome.Reason ?? "The song lookup could not answer now; try again later.");
            }
            else
            {
                missing.Add(string.IsNullOrEmpty(artist) ? title : $"{title} — {artist}");
            }
        }

        return new CompareTracksOutcome(found, missing, null);
    }

    /// <summary>Features of a listener's tracks by id (<c>POST /api/compare</c>); demo ids (<c>demo:…</c>) are known in demo mode only.</summary>
    public async Task<CompareTracksOutcome> ResolveTracksAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default)
    {
        if (await IsDemoAsync(cancellationToken))
        {
            return Split(trackIds, id => demo.FindById(id) is { } song ? SongOutcome.Found(song.ToTrack(), song.Features) : null);
        }

        var spotifyIds = trackIds.Where(id => !id.StartsWith(RequestValidation.DemoIdPrefix, StringComparison.Ordinal)).ToList();
        if (spotifyIds.Count == 0)
        {
            return Split(trackIds, _ => null);
        }

        if (services.GetService<ITrackFeatureLookup>() is not { } lookup)
        {
            return new CompareTracksOutcome([], [], LookupNotConfigured);
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

    private async Task<bool> IsDemoAsync(CancellationToken cancellationToken) =>
        (await activeSource.GetAsync(cancellationToken)).Kind == SurveySourceKind.Demo;

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
}
