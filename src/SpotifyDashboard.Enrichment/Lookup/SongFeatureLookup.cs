using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Cache;
using SpotifyDashboard.Enrichment.Curation;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Providers.ReccoBeats;
using SpotifyDashboard.Enrichment.Providers.Spotify;
using SpotifyDashboard.Enrichment.Songs;
using SpotifyDashboard.Enrichment.Telemetry;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Enrichment.Lookup;

/// <summary>
/// Cache first; for the rest, one Spotify search per distinct song, then the features of all
/// found tracks in batches of <c>Enrichment:BatchSize</c>. A song being fetched by one caller is
/// awaited by the others rather than fetched twice. Admin overrides beat cached entries.
/// </summary>
public sealed class SongFeatureLookup(
    SongCache cache,
    SongOverrideStore overrides,
    SpotifyClient spotify,
    ReccoBeatsClient reccoBeats,
    ProviderStatusRegistry registry,
    IOptionsMonitor<SpotifyOptions> spotifyOptions,
    IOptionsMonitor<EnrichmentOptions> options,
    EnrichmentTelemetry telemetry,
    TimeProvider time) : ISongFeatureLookup, ITrackFeatureLookup
{
    /// <summary>Cache keys of tracks asked for by id; song keys are hex hashes, so the two never meet.</summary>
    public static string TrackIdKey(string trackId) => $"id:{trackId}";

    private readonly ConcurrentDictionary<string, Task<SongOutcome>> _inFlight = new(StringComparer.Ordinal);

    public async Task<SongOutcome> LookupAsync(string title, string artist, CancellationToken cancellationToken = default)
    {
        var query = new SongQuery(title, artist);
        var outcomes = await LookupManyAsync([query], cancellationToken);
        return outcomes[query.Key];
    }

    public async Task<SongOutcome> LookupForVisitorAsync(string title, string artist, CancellationToken cancellationToken = default)
    {
        var query = new SongQuery(title, artist);
        var outcomes = await LookupManyAsync([query], options.CurrentValue.VisitorMissTtl, cancellationToken);
        return outcomes[query.Key];
    }

    public Task<IReadOnlyDictionary<string, SongOutcome>> LookupManyAsync(IEnumerable<SongQuery> songs, CancellationToken cancellationToken = default) =>
        LookupManyAsync(songs, missTtl: null, cancellationToken);

    /// <param name="missTtl">How long the misses found now stay cached; null for <c>Enrichment:MissTtl</c>.</param>
    private async Task<IReadOnlyDictionary<string, SongOutcome>> LookupManyAsync(IEnumerable<SongQuery> songs, TimeSpan? missTtl, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, SongOutcome>(StringComparer.Ordinal);
        var mapped = await overrides.GetAllAsync();
        var toFetch = new List<SongRequest>();
        foreach (var song in songs.DistinctBy(s => s.Key))
        {
            if (TextFolding.Basic(song.Title).Length == 0)
            {
                outcomes[song.Key] = SongOutcome.Unmatched(EnrichmentReasons.NoSong);
                continue;
            }

            var overrideId = mapped.GetValueOrDefault(song.Key)?.TrackId;
            var cached = await cache.GetAsync(song.Key, cancellationToken);
            if (cached is not null && (overrideId is null || cached.Track?.Id == overrideId))
            {
                telemetry.CacheHit();
                outcomes[song.Key] = ToOutcome(cached);
                continue;
            }

            telemetry.CacheMiss();
            toFetch.Add(new SongRequest(song, overrideId));
        }

        var owned = new List<(SongRequest Request, TaskCompletionSource<SongOutcome> Completion)>();
        var others = new List<(string Key, Task<SongOutcome> Outcome)>();
        foreach (var request in toFetch)
        {
            var completion = new TaskCompletionSource<SongOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _inFlight.GetOrAdd(request.Song.Key, completion.Task);
            if (ReferenceEquals(running, completion.Task))
            {
                owned.Add((request, completion));
            }
            else
            {
                others.Add((request.Song.Key, running));
            }
        }

        try
        {
            // Another caller may have finished this song between our cache read and our claim.
            var fetched = new Dictionary<string, SongOutcome>(StringComparer.Ordinal);
            var stillMissing = new List<SongRequest>();
            foreach (var (request, _) in owned)
            {
                var cached = await cache.GetAsync(request.Song.Key, cancellationToken);
                if (cached is not null && (request.OverrideTrackId is null || cached.Track?.Id == request.OverrideTrackId))
                {
                    fetched[request.Song.Key] = ToOutcome(cached);
                }
                else
                {
                    stillMissing.Add(request);
                }
            }

            foreach (var (key, outcome) in await FetchAsync(stillMissing, missTtl, cancellationToken))
            {
                fetched[key] = outcome;
            }

            foreach (var (request, completion) in owned)
            {
                outcomes[request.Song.Key] = fetched[request.Song.Key];
                completion.TrySetResult(fetched[request.Song.Key]);
            }
        }
        catch (Exception e)
        {
            foreach (var (_, completion) in owned)
            {
                if (e is OperationCanceledException)
                {
                    completion.TrySetCanceled(cancellationToken);
                }
                else
                {
                    completion.TrySetException(e);
                }
            }

            throw;
        }
        finally
        {
            foreach (var (request, completion) in owned)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<SongOutcome>>(request.Song.Key, completion.Task));
            }
        }

        foreach (var (key, outcome) in others)
        {
            outcomes[key] = await outcome.WaitAsync(cancellationToken);
        }

        return outcomes;
    }

    private async Task<Dictionary<string, SongOutcome>> FetchAsync(IReadOnlyList<SongRequest> requests, TimeSpan? missTtl, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentDictionary<string, SongOutcome>(StringComparer.Ordinal);
        if (requests.Count == 0)
        {
            return [];
        }

        if (!spotify.HasCredentials)
        {
            registry.Unavailable(ProviderNames.Spotify, EnrichmentReasons.NoCredentials);
            return requests.ToDictionary(r => r.Song.Key, _ => SongOutcome.Deferred(EnrichmentReasons.NoCredentials), StringComparer.Ordinal);
        }

        var settings = options.CurrentValue;
        var resolved = new ConcurrentDictionary<string, Track>(StringComparer.Ordinal);
        async ValueTask ResolveOneAsync(SongRequest request, CancellationToken ct)
        {
            try
            {
                var track = request.OverrideTrackId is { } id
                    ? await spotify.GetTrackAsync(id, ct)
                    : await ResolveAsync(request.Song, settings.MatchThreshold, ct);
                if (track is null)
                {
                    var reason = request.OverrideTrackId is { } missing ? EnrichmentReasons.NoSuchTrack(missing) : EnrichmentReasons.NoMatch;
                    outcomes[request.Song.Key] = SongOutcome.Unmatched(reason);
                    await cache.SetAsync(request.Song.Key, new CachedSong(null, null, reason, time.GetUtcNow()), missTtl, ct);
                }
                else
                {
                    resolved[request.Song.Key] = track;
                }
            }
            catch (ProviderUnavailableException e)
            {
                outcomes[request.Song.Key] = SongOutcome.Deferred(e.Message);
            }
            catch (SongRefusedException e)
            {
                // Cached as a miss like "no match": the refusal is about this song, so asking every tick only repeats it.
                outcomes[request.Song.Key] = SongOutcome.Unmatched(e.Message);
                await cache.SetAsync(request.Song.Key, new CachedSong(null, null, e.Message, time.GetUtcNow()), ct);
            }
        }

        // While Spotify refuses the app, one song goes first as the probe: if it is answered the rest follow in this pass,
        // otherwise they wait without a call.
        var probe = registry.IsRefused(ProviderNames.Spotify) ? requests.Take(1).ToList() : [];
        foreach (var request in probe)
        {
            await ResolveOneAsync(request, cancellationToken);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelSearches, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(requests.Skip(probe.Count), parallel, ResolveOneAsync);

        // Several songs can resolve to one recording: ask for its features once.
        var trackIds = resolved.Values.Select(t => t.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in trackIds.Chunk(settings.BatchSize))
        {
            var songsInBatch = resolved.Where(r => batch.Contains(r.Value.Id)).ToList();
            try
            {
                var answer = await GetFeaturesAsync(batch, cancellationToken);
                foreach (var (key, track) in songsInBatch)
                {
                    outcomes[key] = await CompleteAsync(key, track, answer, missTtl, cancellationToken);
                }
            }
            catch (ProviderUnavailableException e)
            {
                foreach (var (key, _) in songsInBatch)
                {
                    outcomes[key] = SongOutcome.Deferred(e.Message);
                }
            }
        }

        return new Dictionary<string, SongOutcome>(outcomes, StringComparer.Ordinal);
    }

    /// <summary>
    /// By id, no search: features in batches of <c>Enrichment:BatchSize</c> (at most ReccoBeats' 40), then the names of
    /// the tracks that have features from Spotify (when it has credentials; otherwise the track keeps only its id, and is
    /// cached like that). Unlike songs, concurrent callers asking for the same id are not merged: a visitor's few ids
    /// rarely meet another's in flight, and the cache answers the next one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SongOutcome>> LookupTracksForVisitorAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var outcomes = new ConcurrentDictionary<string, SongOutcome>(StringComparer.Ordinal);
        var toFetch = new List<string>();
        foreach (var id in trackIds.Distinct(StringComparer.Ordinal))
        {
            if (await cache.GetAsync(TrackIdKey(id), cancellationToken) is { } cached)
            {
                telemetry.CacheHit();
                outcomes[id] = ToOutcome(cached);
            }
            else
            {
                telemetry.CacheMiss();
                toFetch.Add(id);
            }
        }

        foreach (var batch in toFetch.Chunk(settings.BatchSize))
        {
            FeatureAnswer answer;
            try
            {
                answer = spotify.HasCredentials
                    ? await GetFeaturesAsync(batch, cancellationToken)
                    : FeatureAnswer.From(await reccoBeats.GetAudioFeaturesAsync(batch, cancellationToken));
            }
            catch (ProviderUnavailableException e)
            {
                foreach (var id in batch)
                {
                    outcomes[id] = SongOutcome.Deferred(e.Message);
                }

                continue;
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelSearches, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(batch, parallel, async (id, ct) =>
            {
                if (answer.Features.GetValueOrDefault(id) is not { } found)
                {
                    var reason = answer.MissingReason(id);
                    outcomes[id] = SongOutcome.Unmatched(reason);
                    await cache.SetAsync(TrackIdKey(id), new CachedSong(null, null, reason, time.GetUtcNow()), settings.VisitorMissTtl, ct);
                    return;
                }

                Track track;
                try
                {
                    track = (spotify.HasCredentials ? await spotify.GetTrackAsync(id, ct) : null) ?? new Track { Id = id, Name = "", Artists = [] };
                }
                catch (Exception e) when (e is ProviderUnavailableException or SongRefusedException)
                {
                    // The features are what counts; the name can come with the next lookup, so this one is not cached.
                    outcomes[id] = SongOutcome.Found(new Track { Id = id, Name = "", Artists = [], FeatureSource = answer.SourceOf(id) }, found);
                    return;
                }

                outcomes[id] = await CompleteAsync(TrackIdKey(id), track with { Id = id }, answer, settings.VisitorMissTtl, ct);
            });
        }

        return new Dictionary<string, SongOutcome>(outcomes, StringComparer.Ordinal);
    }

    /// <summary>Fielded search first; a plain query when that finds nothing close enough.</summary>
    private async Task<Track?> ResolveAsync(SongQuery song, double threshold, CancellationToken cancellationToken)
    {
        var fielded = $"track:\"{Unquote(song.Title)}\" artist:\"{Unquote(song.Artist)}\"";
        var candidates = await spotify.SearchTracksAsync(fielded, cancellationToken);
        if (TrackMatcher.Best(song.Title, song.Artist, candidates, threshold) is { } best)
        {
            return best.Track;
        }

        var plain = await spotify.SearchTracksAsync($"{Unquote(song.Title)} {Unquote(song.Artist)}", cancellationToken);
        return TrackMatcher.Best(song.Title, song.Artist, plain, threshold)?.Track;
    }

    /// <summary>Spotify's own features when enabled and allowed, ReccoBeats for the rest.</summary>
    private async Task<FeatureAnswer> GetFeaturesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var fromSpotify = spotifyOptions.CurrentValue.UseAudioFeaturesEndpoint
            ? await spotify.GetAudioFeaturesAsync(ids, cancellationToken) ?? new Dictionary<string, AudioFeatures>()
            : new Dictionary<string, AudioFeatures>();
        var rest = ids.Where(id => !fromSpotify.ContainsKey(id)).ToList();
        var fromReccoBeats = rest.Count == 0
            ? new ReccoBeatsAnswer(new(StringComparer.Ordinal), new(StringComparer.Ordinal))
            : await reccoBeats.GetAudioFeaturesAsync(rest, cancellationToken);

        var all = new Dictionary<string, AudioFeatures>(fromReccoBeats.Features, StringComparer.Ordinal);
        foreach (var (id, features) in fromSpotify)
        {
            all[id] = features;
        }

        return new(all, fromReccoBeats.Refused, id => fromSpotify.ContainsKey(id) ? "spotify" : "reccobeats");
    }

    private async Task<SongOutcome> CompleteAsync(string key, Track track, FeatureAnswer answer, TimeSpan? missTtl, CancellationToken cancellationToken)
    {
        if (answer.Features.GetValueOrDefault(track.Id) is not { } features)
        {
            // Cached as a miss: ReccoBeats' answer about a track does not change from one tick to the next.
            var reason = answer.MissingReason(track.Id);
            await cache.SetAsync(key, new CachedSong(track, null, reason, time.GetUtcNow()), missTtl, cancellationToken);
            return SongOutcome.Unmatched(reason);
        }

        var withSource = track with { FeatureSource = answer.SourceOf(track.Id) };
        // ReccoBeats takes the duration from the track.
        var complete = features with { DurationMs = features.DurationMs ?? track.DurationMs };
        await cache.SetAsync(key, new CachedSong(withSource, complete, null, time.GetUtcNow()), cancellationToken);
        return SongOutcome.Found(withSource, complete);
    }

    private static SongOutcome ToOutcome(CachedSong cached) => cached.IsFound
        ? SongOutcome.Found(cached.Track!, cached.Features!)
        : SongOutcome.Unmatched(cached.Reason ?? EnrichmentReasons.NoMatch);

    private static string Unquote(string text) => text.Replace("\"", "", StringComparison.Ordinal).Trim();

    private sealed record SongRequest(SongQuery Song, string? OverrideTrackId);

    /// <summary>The features found for a batch of track ids, who gave each, and why the others have none.</summary>
    private sealed record FeatureAnswer(
        IReadOnlyDictionary<string, AudioFeatures> Features,
        IReadOnlyDictionary<string, string> Refused,
        Func<string, string> SourceOf)
    {
        public static FeatureAnswer From(ReccoBeatsAnswer reccoBeats) => new(reccoBeats.Features, reccoBeats.Refused, _ => ProviderNames.ReccoBeats);

        public string MissingReason(string trackId) => Refused.GetValueOrDefault(trackId) ?? EnrichmentReasons.NoFeatures(trackId);
    }
}
