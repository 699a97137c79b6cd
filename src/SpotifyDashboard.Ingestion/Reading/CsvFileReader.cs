namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>Reads <c>Survey:CsvPath</c>, e.g. the "Download responses (.csv)" file of a Form.</summary>
public sealed class CsvFileReader(string path) : ISurveyTableReader
{
    private const string CouldNotRead = "The CSV file could not be read: check Survey:CsvPath.";

    public string Description => $"CSV file {Path.GetFileName(path)}";

    public async Task<SurveyTable> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new SurveySourceException(CouldNotRead, $"Survey:CsvPath '{path}' does not exist (relative paths are resolved from {Environment.CurrentDirectory}).");
        }

        try
        {
            // FileShare.ReadWrite: the file may be replaced by a new download while we read.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
            return await CsvTableParser.ParseAsync(stream, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SurveySourceException(CouldNotRead, $"Survey:CsvPath '{path}' could not be read: {ex.Message}", ex);
        }
    }
}
