namespace SpotifyDashboard.Api.Data;

/// <summary>
/// The orders of the data grid (<see cref="DataQuery.SortKeys"/>). Default <c>submittedAt</c> newest first; any other
/// key ascending unless <c>desc</c>. Missing values always come last; equal rows keep id order, so pages never overlap.
/// </summary>
public static class DataSort
{
    public const string DefaultKey = "submittedAt";

    /// <summary>The key as <see cref="DataQuery.SortKeys"/> spells it, whatever its case; null when it is not one.</summary>
    public static string? Canonical(string? key) =>
        string.IsNullOrWhiteSpace(key) ? DefaultKey : DataQuery.SortKeys.FirstOrDefault(k => string.Equals(k, key.Trim(), StringComparison.OrdinalIgnoreCase));

    public static Comparison<ClassRow> Comparison(string? key, bool? desc)
    {
        var canonical = Canonical(key) ?? throw new ArgumentException($"Unknown sort key '{key}'.", nameof(key));
        var descending = desc ?? canonical == DefaultKey;
        Func<ClassRow, ClassRow, bool, int> compare = canonical switch
        {
            "submittedAt" => (a, b, d) => Directed(a.Row.SubmittedAt.CompareTo(b.Row.SubmittedAt), d),
            "student" => (a, b, d) => Text(a.Student, a.Row.Student, b.Student, b.Row.Student, d),
            "song" => (a, b, d) => Text(a.Song, a.Row.Song, b.Song, b.Row.Song, d),
            "artist" => (a, b, d) => Text(a.Artist, a.Row.Artist, b.Artist, b.Row.Artist, d),
            "major" => (a, b, d) => Text(a.Major, a.Row.Major, b.Major, b.Row.Major, d),
            "year" => (a, b, d) => Text(a.Year, a.Row.Year, b.Year, b.Row.Year, d),
            "hoursPerDay" => (a, b, d) => NullsLast(a.Row.HoursPerDay, b.Row.HoursPerDay, d),
            "cluster" => (a, b, d) => NullsLast(a.Row.Cluster, b.Row.Cluster, d),
            "dnaScore" => (a, b, d) => NullsLast(a.Row.DnaScore, b.Row.DnaScore, d),
            _ => throw new ArgumentOutOfRangeException(nameof(key), canonical, null),
        };

        return (a, b) =>
        {
            var order = compare(a, b, descending);
            return order != 0 ? order : string.CompareOrdinal(a.Row.Id, b.Row.Id);
        };
    }

    private static int Directed(int order, bool descending) => descending ? -order : order;

    /// <summary>By folded text (case and accents ignored), then as typed; an empty value counts as missing.</summary>
    private static int Text(string aFolded, string aRaw, string bFolded, string bRaw, bool descending)
    {
        if (aFolded.Length == 0 || bFolded.Length == 0)
        {
            return (aFolded.Length == 0).CompareTo(bFolded.Length == 0);
        }

        var order = string.CompareOrdinal(aFolded, bFolded);
        return Directed(order != 0 ? order : string.CompareOrdinal(aRaw, bRaw), descending);
    }

    private static int NullsLast<T>(T? a, T? b, bool descending)
        where T : struct, IComparable<T>
    {
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null);
        }

        return Directed(a.Value.CompareTo(b.Value), descending);
    }
}
