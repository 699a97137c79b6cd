using System.Diagnostics;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Duties;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.Worker.Demo;

/// <summary>
/// The demo duty: creates the initial class and then lets one new student arrive every
/// <see cref="DemoOptions.NewResponseInterval"/>. Progress is checkpointed, so a restart continues the same class
/// instead of starting over. The worker runs it only when <c>Survey:Source</c> is Demo. Each step is the demo's
/// <c>ingest</c> run of <c>data_processing_time</c>.
/// </summary>
public sealed partial class DemoDuty(
    DemoResponseFactory factory,
    SurveyResponseStore responses,
    SourceStatusStore statuses,
    IOptions<DemoOptions> demo,
    PipelineTelemetry pipeline,
    TimeProvider time,
    ILogger<DemoDuty> logger) : IWorkerDuty
{
    public static readonly ActivitySource ActivitySource = new("SpotifyDashboard.Worker.Demo");

    /// <summary>The initial class is spread over the week before the demo was created.</summary>
    private static readonly TimeSpan InitialSpread = TimeSpan.FromDays(7);

    public string Name => "demo";

    public TimeSpan Interval => demo.Value.NewResponseInterval;

    public async Task<string?> StepAsync(CancellationToken cancellationToken)
    {
        await AddStudentsAsync();
        return null;
    }

    internal async Task AddStudentsAsync()
    {
        using var activity = ActivitySource.StartActivity("demo.tick");
        using var run = pipeline.Start(PipelineStages.Ingest);
        var now = time.GetUtcNow();
        var checkpoint = await statuses.GetCheckpointAsync<DemoCheckpoint>(DemoResponseFactory.SourceName)
            ?? new DemoCheckpoint(0, now);
        var settings = demo.Value;

        var target = checkpoint.Generated < settings.InitialStudents
            ? settings.InitialStudents
            : Math.Min(checkpoint.Generated + 1, Math.Max(settings.MaxStudents, settings.InitialStudents));

        var students = new List<EnrichedResponse>(target - checkpoint.Generated);
        for (var index = checkpoint.Generated; index < target; index++)
        {
            var submittedAt = index < settings.InitialStudents
                ? checkpoint.CreatedAt - InitialSpread + (InitialSpread * index / settings.InitialStudents)
                : now;
            students.Add(factory.Create(index, submittedAt));
        }

        // One batch, one event: the first analysis, and so the api's first answer, already holds the whole initial
        // class, instead of the few students written before the first change event woke the analysis.
        await responses.AddBatchAsync(students);

        if (target == checkpoint.Generated)
        {
            run.Succeeded();
            return;
        }

        await statuses.SetCheckpointAsync(DemoResponseFactory.SourceName, checkpoint with { Generated = target });
        await statuses.SetAsync(new SourceStatus
        {
            Name = DemoResponseFactory.SourceName,
            Kind = nameof(SurveySourceKind.Demo),
            RowsRead = target,
            Accepted = target,
            LastReadAt = now,
        });
        activity?.SetTag("demo.students", target);
        LogStudents(target);
        run.Succeeded();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo class now has {Students} students")]
    private partial void LogStudents(int students);
}

/// <summary>How many demo students exist, and when the demo class was first created.</summary>
public sealed record DemoCheckpoint(int Generated, DateTimeOffset CreatedAt);
