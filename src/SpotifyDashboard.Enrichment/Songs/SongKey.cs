using System.Security.Cryptography;
using System.Text;

namespace SpotifyDashboard.Enrichment.Songs;

/// <summary>
/// The cache key of a song: md5 of the folded <c>"title:artist"</c>, so "Señorita (feat. X)" by
/// "shawn mendes " and "Senorita" by "Shawn Mendes" share one lookup.
/// </summary>
public static class SongKey
{
    public static string For(string? title, string? artist)
    {
        var text = $"{TextFolding.Basic(title)}:{TextFolding.Basic(artist)}";
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
