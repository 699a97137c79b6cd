using System.Security.Cryptography;
using System.Text;
using SpotifyDashboard.Core.Privacy;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// Stable ids and the checkpoint chain. A row's id is a keyed hash (HMAC-SHA256 under the pseudonym
/// key) of its timestamp cell and its raw cells (trailing empty cells ignored, so Sheets' ragged rows
/// and padded CSV rows agree), so reading the same row again gives the same id, while someone with
/// the roster but not the key cannot hash candidate rows and match them to published ids. The chain
/// hash after row n covers the header and rows 1..n, so a checkpoint detects an edit anywhere above
/// it, not only in its last row.
/// </summary>
public static class RowIdentity
{
    /// <summary>128 bits: no collision in any class, short enough for a URL.</summary>
    public const int IdBytes = 16;

    private const char Separator = '\u001F';

    public static string RowId(Pseudonymizer keys, string timestampCell, IReadOnlyList<string> cells)
    {
        var builder = new StringBuilder(timestampCell).Append('\u001E');
        var last = cells.Count - 1;
        while (last >= 0 && cells[last].Length == 0)
        {
            last--;
        }

        for (var i = 0; i <= last; i++)
        {
            builder.Append(cells[i]).Append(Separator);
        }

        return Convert.ToHexStringLower(keys.Mac(Encoding.UTF8.GetBytes(builder.ToString())), 0, IdBytes);
    }

    /// <summary>chain[0] covers the header; chain[n] covers the header and the first n rows.</summary>
    public static string[] Chain(IReadOnlyList<string> headers, IReadOnlyList<string> rowIds)
    {
        var chain = new string[rowIds.Count + 1];
        var current = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(Separator, headers)));
        chain[0] = Convert.ToHexStringLower(current);
        Span<byte> buffer = stackalloc byte[32 + 64];
        for (var i = 0; i < rowIds.Count; i++)
        {
            current.CopyTo(buffer);
            var written = Encoding.UTF8.GetBytes(rowIds[i], buffer[32..]);
            current = SHA256.HashData(buffer[..(32 + written)]);
            chain[i + 1] = Convert.ToHexStringLower(current);
        }

        return chain;
    }
}
