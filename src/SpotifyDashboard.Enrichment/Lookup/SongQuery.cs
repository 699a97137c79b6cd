using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Enrichment.Lookup;

/// <summary>A song as a student named it.</summary>
public sealed record SongQuery(string Title, string Artist)
{
    public string Key { get; } = SongKey.For(Title, Artist);
}
