using System.Security.Cryptography;
using System.Text;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Ingestion.Ingest;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

public sealed class RowIdentityTests
{
    private static readonly string[] Cells = ["11/20/2026 9:00:00", "Ana María López", "20", "Biology"];

    [Fact]
    public void TheSameRowAndKeyGiveTheSameShortId()
    {
        var a = RowIdentity.RowId(new Pseudonymizer("key-1"), Cells[0], Cells);
        var b = RowIdentity.RowId(new Pseudonymizer("key-1"), Cells[0], [.. Cells, "", ""]);

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{32}$", a);
    }

    [Fact]
    public void AnotherKeyGivesAnotherId()
    {
        Assert.NotEqual(
            RowIdentity.RowId(new Pseudonymizer("key-1"), Cells[0], Cells),
            RowIdentity.RowId(new Pseudonymizer("key-2"), Cells[0], Cells));
    }

    [Fact]
    public void SomeoneWithTheRosterButNotTheKeyCannotRecomputeTheId()
    {
        var id = RowIdentity.RowId(new Pseudonymizer("the-class-key"), Cells[0], Cells);

        // What the unkeyed id was (and what anyone can compute from a guessed row).
        Assert.False(LegacyRowId(Cells[0], Cells).StartsWith(id[..24], StringComparison.Ordinal));
        Assert.DoesNotContain(id, UnkeyedHashesOf(Cells));
    }

    /// <summary>The id before it was keyed: the first 12 bytes of SHA-256 of the same text.</summary>
    internal static string LegacyRowId(string timestampCell, IReadOnlyList<string> cells)
    {
        var builder = new StringBuilder(timestampCell).Append('\u001E');
        var last = cells.Count - 1;
        while (last >= 0 && cells[last].Length == 0)
        {
            last--;
        }

        for (var i = 0; i <= last; i++)
        {
            builder.Append(cells[i]).Append('\u001F');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())), 0, 12);
    }

    private static IEnumerable<string> UnkeyedHashesOf(IReadOnlyList<string> cells)
    {
        var text = Encoding.UTF8.GetBytes(string.Join('\u001F', cells));
        yield return Convert.ToHexStringLower(SHA256.HashData(text), 0, RowIdentity.IdBytes);
        yield return Convert.ToHexStringLower(MD5.HashData(text));
    }
}
