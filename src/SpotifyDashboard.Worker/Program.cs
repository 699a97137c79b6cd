using Microsoft.Extensions.Options;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Commands;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Ingestion;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Worker;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Commands;
using SpotifyDashboard.Worker.Demo;
using SpotifyDashboard.Worker.Duties;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// No Redis command spans from the worker: that tracing hangs every command on a profiling session's list, so one message
// the client still holds (a slot of its backlog queue) kept a whole batch write alive: the demo class's 10,000
// documents, ≈ 18 MB, in about one start of five (docs/benchmarks/memory.md). Its HTTP calls and our own spans remain.
builder.AddRedisClient("cache", settings => settings.DisableTracing = true);

builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
builder.Services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

// What the duties share: the stores in the cache, the students' handles, one lock that makes one replica do every duty.
builder.Services.AddSingleton<SurveyResponseStore>();
builder.Services.AddSingleton<SourceStatusStore>();
builder.Services.AddSingleton<ActiveSourceStore>();
builder.Services.AddSingleton<QuarantineStore>();
builder.Services.AddSingleton<SnapshotStore>();
builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.ToNamePolicy(sp.GetRequiredService<ILogger<PrivacyOptions>>()));
builder.Services.AddSingleton<WorkerLeaderLock>();
builder.Services.AddSingleton<WorkerHealth>();
builder.Services.AddHealthChecks().AddCheck<WorkerHealth>("worker");

// The duties, in the order a row passes them: ingest (or the demo class) → enrich → analyse; and the teacher's commands.
builder.Services.AddSurveyIngestion();
builder.Services.AddDuty<IngestDuty>();
if ((builder.Configuration.GetSection(SurveyOptions.SectionName).Get<SurveyOptions>() ?? new()).Source == SurveySourceKind.Demo)
{
    builder.Services.AddSingleton(sp => new DemoClassGenerator(sp.GetRequiredService<IOptions<DemoOptions>>().Value.Seed));
    builder.Services.AddSingleton<DemoResponseFactory>();
    builder.Services.AddDuty<DemoDuty>();
}

builder.Services.AddSongLookup(builder.Configuration);
builder.Services.AddSingleton<SongEnricher>();
builder.Services.AddDuty<EnrichDuty>();
builder.Services.AddSingleton<AnalysisRunner>();
builder.Services.AddDuty<AnalyseDuty>();
builder.Services.AddSingleton<WorkerCommandQueue>();
builder.Services.AddSingleton<RefreshProgressStore>();
builder.Services.AddSingleton<WorkerCommandRunner>();
builder.Services.AddDuty<CommandsDuty>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
