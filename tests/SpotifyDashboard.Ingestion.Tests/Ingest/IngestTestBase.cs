using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

/// <summary>Ingest tests share one Garnet and start from an empty database.</summary>
[Collection(RedisCollection.Name)]
public abstract class IngestTestBase(GarnetFixture garnet) : IAsyncLifetime
{
    protected const string Source = "csv";

    protected GarnetFixture Garnet => garnet;

    protected SurveyResponseStore Responses => new(garnet.Redis);

    protected QuarantineStore Quarantine => new(garnet.Redis);

    protected SourceStatusStore Statuses => new(garnet.Redis);

    public Task InitializeAsync() => garnet.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected ServiceProvider Services(bool storeNames = false, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        IngestionServices.Build(garnet.Redis, settings ?? new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvPath"] = "unused.csv" }, storeNames: storeNames, logs: logs);

    protected static async Task<IngestResult> IngestAsync(ServiceProvider services, SurveyTable table)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveyIngestor>().IngestAsync(Source, SurveySourceKind.Csv, table);
    }

    /// <summary>Everything the store holds for the source, to compare before and after.</summary>
    protected async Task<string> SnapshotAsync()
    {
        var responses = await Responses.GetAllAsync(Source);
        var quarantine = await Quarantine.GetAllAsync(Source);
        return System.Text.Json.JsonSerializer.Serialize(new { responses, quarantine }, DashboardJson.Options);
    }

    protected async Task AssertReconcilesAsync(long rows)
    {
        var status = await Statuses.GetAsync(Source);
        Assert.NotNull(status);
        Assert.Equal(rows, status.RowsRead);
        Assert.Equal(status.RowsRead, status.Accepted + status.Quarantined + status.Duplicates);
        Assert.Equal(status.Accepted, await Responses.CountAsync(Source));
        Assert.Equal(status.Quarantined, await Quarantine.CountAsync(Source));
    }
}
