namespace SpotifyDashboard.Api.Tests;

/// <summary>Puts a CSV class into the store as the worker's real ingestor does (source <c>csv</c>).</summary>
internal static class CsvIngestion
{
    public static async Task IngestAsync(IConnectionMultiplexer redis, string csv, bool storeNames)
    {
        var ingestor = new SurveyIngestor(
            new SurveyResponseStore(redis),
            new QuarantineStore(redis),
            new SourceStatusStore(redis),
            new HeaderMapper(),
            Options.Create(new SurveyOptions()),
            new NamePolicy(new Pseudonymizer("test-pseudonym-key"), storeNames),
            TimeProvider.System,
            NullLogger<SurveyIngestor>.Instance);
        var table = await CsvTableParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        await ingestor.IngestAsync("csv", SurveySourceKind.Csv, table);
    }
}
