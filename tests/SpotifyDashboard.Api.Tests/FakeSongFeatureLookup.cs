namespace SpotifyDashboard.Api.Tests;

/// <summary>Stands in for Spotify + ReccoBeats: one known song, one unknown, one whose provider is down.</summary>
public sealed class FakeSongFeatureLookup : ISongFeatureLookup
{
    public static readonly DemoSong Known = new DemoCatalog(TestSnapshots.DemoSeed).Songs[100];

    public List<(string Title, string Artist)> Calls { get; } = [];

    public Task<SongOutcome> LookupAsync(string title, string artist, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add((title, artist));
        }

        return Task.FromResult(title switch
        {
            "Real Song" => SongOutcome.Found(
                new Track { Id = "4uLU6hMCjMI75M1A2tKUQC", Name = "Real Song", Artists = ["Real Artist"], FeatureSource = "reccobeats" },
                Known.Features),
            "Provider Down" => SongOutcome.Deferred("ReccoBeats is unavailable (circuit open); try again in a minute"),
            _ => SongOutcome.Unmatched(EnrichmentReasons.NoMatch),
        });
    }

    public async Task<IReadOnlyDictionary<string, SongOutcome>> LookupManyAsync(IEnumerable<SongQuery> songs, CancellationToken cancellationToken = default)
    {
        var outcomes = new Dictionary<string, SongOutcome>();
        foreach (var song in songs)
        {
            outcomes[song.Key] = await LookupAsync(song.Title, song.Artist, cancellationToken);
        }

        return outcomes;
    }
}
