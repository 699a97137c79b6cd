using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Validation;

namespace SpotifyDashboard.Api.Admin;

/// <summary>An uploaded file looked at: what it would give, and its text when it can become the CSV source.</summary>
public sealed record UploadInspection(UploadPreview Preview, string? Text);

/// <summary>
/// Reads an uploaded "Download responses (.csv)" file (as a .csv, or zipped as Google gives it) the way the worker will
/// (same parser, header mapping, day/month order and row checks) without storing anything, so the teacher sees the
/// mapping, the first answers and why rows would be quarantined before switching to it.
/// </summary>
public sealed class UploadInspector(HeaderMapper mapper, IOptions<SurveyOptions> options)
{
    /// <summary>The largest file taken: a class survey is far smaller; anything bigger is the wrong file.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int PreviewRows = 10;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<UploadInspection> InspectAsync(byte[] bytes, string? fileName, CancellationToken cancellationToken)
    {
        if (bytes.Length == 0)
        {
            return Refused(fileName, bytes, "The file is empty: export the answers with Responses → Download responses (.csv) in Google Forms.");
        }

        if (bytes.Length > MaxBytes)
        {
            return Refused(fileName, bytes, $"The file is {bytes.Length / (1024.0 * 1024.0):0.#} MB; at most {MaxBytes / (1024 * 1024)} MB can be uploaded.");
        }

        var content = bytes;
        if (ZippedCsv.IsZip(bytes))
        {
            try
            {
                using var zip = new MemoryStream(bytes, writable: false);
                content = await ZippedCsv.ExtractAsync(zip, MaxBytes, cancellationToken);
            }
            catch (SurveySourceException ex)
            {
                return Refused(fileName, bytes, ex.Message);
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Refused(fileName, bytes,
                "The file is not UTF-8 text. Download it again from Google Forms (Responses → Download responses (.csv)), or save it as \"CSV UTF-8\" in Excel.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Refused(fileName, bytes, "The file is not a CSV file (it holds binary data, like a spreadsheet or an image). Upload the .csv that Google Forms downloads.");
        }

        text = text.TrimStart('\uFEFF');
        SurveyTable table;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
            table = await CsvTableParser.ParseAsync(stream, cancellationToken);
        }
        catch (SurveySourceException ex)
        {
            return Refused(fileName, bytes, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Refused(fileName, bytes, "The file could not be read as CSV (for example a quote that is never closed). Upload the .csv that Google Forms downloads.");
        }

        HeaderMapping mapping;
        try
        {
            mapping = mapper.Map(table.Headers);
        }
        catch (HeaderMappingException ex)
        {
            return Refused(fileName, bytes, ex.Message, table);
        }

        var validator = new RowValidator(options.Value).ForTable(table, mapping);
        var refusals = table.Rows
            .Select(row => (row.Number, validator.Validate(row.Cells, mapping).Reasons))
            .Where(row => row.Reasons.Count > 0)
            .ToList();
        var report = mapping.ToReport(validator.DateOrder);
        var firstRows = table.Rows.Take(PreviewRows).Select(row => MappedFields(row, mapping)).ToList();
        List<string> problems = table.Rows.Count == 0 ? ["The file has a header row but no answers yet."] : [];
        var preview = new UploadPreview(
            fileName, bytes.Length, table.Rows.Count, table.Headers, report, report.Unmapped, firstRows, refusals.Count, problems, problems.Count == 0,
            [.. refusals.Take(PreviewRows).Select(row => $"Row {row.Number}: {string.Join("; ", row.Reasons)}")]);
        return new UploadInspection(preview, preview.CanUse ? text : null);
    }

    /// <summary>Field name → cell, for the mapped fields only; the name is left out (the preview is a screen others may see).</summary>
    private static Dictionary<string, string> MappedFields(SurveyRow row, HeaderMapping mapping) =>
        mapping.Columns
            .Where(c => c.Key != SurveyField.Name)
            .OrderBy(c => c.Value)
            .ToDictionary(c => c.Key.ToString(), c => mapping.Cell(row.Cells, c.Key), StringComparer.Ordinal);

    private static UploadInspection Refused(string? fileName, byte[] bytes, string problem, SurveyTable? table = null) =>
        new(new UploadPreview(fileName, bytes.Length, table?.Rows.Count ?? 0, table?.Headers ?? [], null, [], [], 0, [problem], false), null);
}
