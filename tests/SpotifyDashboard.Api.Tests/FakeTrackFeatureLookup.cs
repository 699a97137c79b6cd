namespace SpotifyDashboard.Api.Tests;

/// <summary>Stands in for ReccoBeats + Spotify by id: <see cref="Known"/> ids have a demo song's features, <see cref="Down"/> fails, the rest are unknown.</summary>
public sealed class FakeTrackFeatureLookup : ITrackFeatureLookup
{
    public const string Down = "0000000000000000000000";

    public static readonly IReadOnlyDictionary<string, DemoSong> Known = new Dictionary<string, DemoSong>
    {
        ["4uLU6hMCjMI75M1A2tKUQC"] = new DemoCatalog(TestSnapshots.DemoSeed).Songs[10],
        ["7ouMYWpwJ422jRcDASZB7P"] = new DemoCatalog(TestSnapshots.DemoSeed).Songs[50],
    };

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public Task<IReadOnlyDictionary<string, SongOutcome>> LookupTracksForVisitorAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add(trackIds);
        }

        return Task.FromResult<IReadOnlyDictionary<string, SongOutcome>>(trackIds.ToDictionary(id => id, id => id switch
        {
            Down => SongOutcome.Deferred("ReccoBeats is unavailable (circuit open); try again in a minute"),
            _ when Known.TryGetValue(id, out var song) => SongOutcome.Found(
                new Track { Id = id, Name = song.Title, Artists = [song.Artist], FeatureSource = "reccobeats" }, song.Features),
            _ => SongOutcome.Unmatched(EnrichmentReasons.NoFeatures(id)),
        }));
    }
}
