using System.Buffers;
using System.IO.Pipelines;
using CsvHelper;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Parses a survey CSV (the Forms "Download responses" file or a sheet's CSV export): quoted commas
/// and newlines inside cells, a UTF-8 BOM, CRLF or LF, any Unicode; a zip holding one CSV is unpacked first.
/// </summary>
public static class CsvTableParser
{
    public static async Task<SurveyTable> ParseAsync(Stream input, CancellationToken cancellationToken)
    {
        // Peek at the first bytes without consuming them: the stream may be a network response that cannot seek.
        var peek = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true));
        var start = await peek.ReadAtLeastAsync(4, cancellationToken);
        var isZip = ZippedCsv.IsZip(start.Buffer.Slice(0, Math.Min(4, start.Buffer.Length)).ToArray());
        peek.AdvanceTo(start.Buffer.Start);
        await using var stream = isZip
            ? new MemoryStream(await ZippedCsv.ExtractAsync(peek.AsStream(leaveOpen: true), ZippedCsv.MaxCsvBytes, cancellationToken), writable: false)
            : peek.AsStream(leaveOpen: true);

        var options = new CsvReaderOptions
        {
            // Google always exports with commas; guessing could pick a ';' or '|' found in a song title.
            Separator = ',',
            HasHeader = true,
            SkipEmptyLines = true,
            // Cell values are personal data: keep them out of exception messages and logs.
            IncludeValuesInExceptions = false,
        };
        await using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var headers = csv.Headers;
        if (headers.Count == 0)
        {
            throw new SurveySourceException("The CSV is empty: expected a header row followed by one row per response.");
        }

        var rows = new List<IReadOnlyList<string>>();
        while (await csv.ReadAsync(cancellationToken))
        {
            rows.Add(csv.Current.ToArray());
        }

        return SurveyTable.Create([.. headers], rows);
    }
}
