using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Worker;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Demo;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Worker.Tests;

/// <summary>Where <c>data_processing_time</c> is recorded: one measurement per run of each stage, with its outcome.</summary>
public sealed class PipelineTimingTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static MeasurementRecorder<double> RecordStages(IMeterFactory meters) =>
        new(meters, PipelineTelemetry.MeterName, PipelineTelemetry.DurationInstrument);

    [Fact]
    public async Task IngestEnrichAndAnalyseEachRecordOneSuccessfulRun()
    {
        await garnet.FlushAsync();
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(12));
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, new CountingSongLookup());
        using var stages = RecordStages(worker.Get<IMeterFactory>());

        Assert.True(await worker.StepAsync<IngestDuty>());
        Assert.Equal(12, (await worker.Enrichment.RunOnceAsync()).Enriched);
        Assert.Equal(AnalysisRunOutcome.Published, (await worker.Get<AnalysisRunner>().RunAsync("csv")).Outcome);

        var runs = stages.Measurements.ToList();
        Assert.Equal([PipelineStages.Ingest, PipelineStages.Enrich, PipelineStages.Analyse], runs.Select(r => r["stage"]));
        Assert.All(runs, r => Assert.Equal(PipelineTelemetry.Ok, r["outcome"]));
        Assert.All(runs, r => Assert.True(r.Value >= 0));
        Assert.Equal((0, 3), worker.Get<PipelineTelemetry>().RecentRuns.Read());
    }

    [Fact]
    public async Task AnIngestOfASourceThatCannotBeReadIsAFailedRun()
    {
        await garnet.FlushAsync();
        // The CSV source is active, but there is no upload, path or URL to read it from.
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, new CountingSongLookup());
        using var stages = RecordStages(worker.Get<IMeterFactory>());

        Assert.True(await worker.StepAsync<IngestDuty>());

        var run = Assert.Single(stages.Measurements);
        Assert.Equal(PipelineStages.Ingest, run["stage"]);
        Assert.Equal(PipelineTelemetry.Failed, run["outcome"]);
        Assert.Equal((1, 1), worker.Get<PipelineTelemetry>().RecentRuns.Read());
    }

    [Fact]
    public async Task EachDemoTickIsAnIngestRun()
    {
        await garnet.FlushAsync();
        using var meters = new TestMeterFactory();
        using var stages = RecordStages(meters);
        var pseudonyms = new PrivacyOptions { PseudonymKey = "test-key" }.ToNamePolicy(NullLogger.Instance);
        var demo = new DemoDuty(
            new DemoResponseFactory(new DemoClassGenerator(42), pseudonyms),
            new SurveyResponseStore(garnet.Redis),
            new SourceStatusStore(garnet.Redis),
            MsOptions.Create(new DemoOptions { InitialStudents = 5, MaxStudents = 6 }),
            new PipelineTelemetry(meters, _time),
            _time,
            NullLogger<DemoDuty>.Instance);

        await demo.StepAsync(CancellationToken.None);
        await demo.StepAsync(CancellationToken.None);

        Assert.Equal(2, stages.Measurements.Count(r => r["stage"] == PipelineStages.Ingest && r["outcome"] == PipelineTelemetry.Ok));
    }
}
