using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// The demo catalogue (same <c>Demo:Seed</c> as the worker, so the same fictional songs) indexed by the
/// enrichment's normalized song key, so "neon harbor " by "the echo foxes" finds "Neon Harbor" by "The Echo Foxes".
/// </summary>
public sealed class DemoSongIndex(IOptions<DemoOptions> demo)
{
    private readonly Lazy<(DemoCatalog Catalog, Dictionary<string, DemoSong> ById, Dictionary<string, DemoSong> ByKey, ILookup<string, DemoSong> ByTitle)> _index = new(() =>
    {
        var catalog = new DemoCatalog(demo.Value.Seed);
        var songs = catalog.Songs;
        var byKey = new Dictionary<string, DemoSong>(StringComparer.Ordinal);
        foreach (var song in songs)
        {
            byKey.TryAdd(SongKey.For(song.Title, song.Artist), song);
        }

        return (catalog, songs.ToDictionary(s => s.Id, StringComparer.Ordinal), byKey, songs.ToLookup(s => TextFolding.Basic(s.Title), StringComparer.Ordinal));
    });

    /// <summary>By catalogue id (<c>demo:pop-03</c>).</summary>
    public DemoSong? FindById(string id) => _index.Value.ById.GetValueOrDefault(id);

    /// <summary>By title and artist; with no artist, by title when only one song has it.</summary>
    public DemoSong? Find(string title, string? artist)
    {
        var (_, _, byKey, byTitle) = _index.Value;
        if (!string.IsNullOrWhiteSpace(artist))
        {
            return byKey.GetValueOrDefault(SongKey.For(title, artist));
        }

        var candidates = byTitle[TextFolding.Basic(title)].DistinctBy(s => s.Artist).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>
    /// The demo listener: <paramref name="count"/> catalogue songs the way a real listener's top tracks look — most from one
    /// favourite genre, the rest spread over the others — chosen by the demo seed alone, so every call gives the same list.
    /// </summary>
    public IReadOnlyList<string> DemoListenerTrackIds(int count = 20)
    {
        var catalog = _index.Value.Catalog;
        var random = new Random(demo.Value.Seed);
        var genres = catalog.SongsByGenre.Keys.Order(StringComparer.Ordinal).ToList();
        var favourite = genres[random.Next(genres.Count)];
        var fromFavourite = count * 3 / 5;
        var favourites = catalog.SongsByGenre[favourite].OrderBy(_ => random.Next()).Take(fromFavourite);
        var others = catalog.Songs.Where(s => s.Genre != favourite).OrderBy(_ => random.Next()).Take(count - fromFavourite);
        return [.. favourites.Concat(others).Select(s => s.Id)];
    }
}
