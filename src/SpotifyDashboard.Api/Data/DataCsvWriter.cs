namespace SpotifyDashboard.Api.Data;

/// <summary>
/// The rows of the data grid as CSV for a spreadsheet: UTF-8 with a byte order mark (so Excel reads accents right),
/// RFC 4180 quoting, CRLF line ends, invariant-culture numbers. A text cell the class typed that starts with
/// <c>= + - @</c>, a tab or a carriage return gets a leading <c>'</c> and quotes, so a spreadsheet shows it instead of
/// running it as a formula (OWASP CSV injection). Numbers are written as numbers, negative ones too.
/// </summary>
public static class DataCsvWriter
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "id", "submitted_at", "student", "song", "artist", "major", "year", "hours_per_day", "listening_time", "enrichment",
        .. AudioFeatures.Names,
        "cluster", "cluster_name", "pc1", "pc2", "pc3", "dna_score",
    ];

    public static byte[] Write(IEnumerable<DataRow> rows)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.Preamble);
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        {
            WriteLine(writer, Header.Select(Plain));
            foreach (var row in rows)
            {
                WriteLine(writer, Cells(row));
            }
        }

        return buffer.ToArray();
    }

    private static IEnumerable<string> Cells(DataRow row)
    {
        yield return Plain(row.Id);
        yield return row.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        yield return UserText(row.Student);
        yield return UserText(row.Song);
        yield return UserText(row.Artist);
        yield return UserText(row.Major);
        yield return UserText(row.Year);
        yield return Number(row.HoursPerDay);
        yield return UserText(row.ListeningTime);
        yield return Plain(row.Enrichment.ToString().ToLowerInvariant());
        foreach (var value in row.Features?.ToVector() ?? Enumerable.Repeat(double.NaN, AudioFeatures.Names.Count))
        {
            yield return Number(double.IsNaN(value) ? null : value);
        }

        yield return Number(row.Cluster);
        yield return UserText(row.ClusterName);
        yield return Number(row.X);
        yield return Number(row.Y);
        yield return Number(row.Z);
        yield return Number(row.DnaScore);
    }

    private static void WriteLine(StreamWriter writer, IEnumerable<string> cells)
    {
        writer.Write(string.Join(',', cells));
        writer.Write("\r\n");
    }

    private static string Number(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Text the class typed (or a name derived from it): neutralized when a spreadsheet would take it for a formula.</summary>
    private static string UserText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? Quoted("'" + value) : Plain(value);
    }

    /// <summary>Quoted only when RFC 4180 requires it: a comma, a quote or a line break inside.</summary>
    private static string Plain(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? Quoted(value) : value;

    private static string Quoted(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
