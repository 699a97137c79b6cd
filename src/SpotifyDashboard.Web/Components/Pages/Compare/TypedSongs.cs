namespace SpotifyDashboard.Web.Components.Pages.Compare;

/// <summary>
/// The songs a listener types, one per line as "Song — Artist": the artist follows the last dash with spaces around it
/// (an em dash, en dash or hyphen), so a title that has a dash of its own keeps it; a line without one is a title alone.
/// </summary>
public static class TypedSongs
{
    private static readonly string[] Separators = [" — ", " – ", " - "];

    public static IReadOnlyList<CompareSong> Read(string? text) =>
        [.. (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).Select(ReadLine)];

    private static CompareSong ReadLine(string line)
    {
        var at = Separators.Select(separator => (Index: line.LastIndexOf(separator, StringComparison.Ordinal), separator.Length)).MaxBy(s => s.Index);
        return at.Index > 0 ? new CompareSong(line[..at.Index].Trim(), line[(at.Index + at.Length)..].Trim()) : new CompareSong(line, null);
    }
}
