using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion.Hosting;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Worker;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Demo;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// No Redis command spans from the worker: that tracing hangs every command on a profiling session's list, so one message
// the client still holds (a slot of its backlog queue) kept a whole batch write alive: the demo class's 10,000
// documents, ≈ 18 MB, in about one start of five (bench/README.md, "Memory"). Its HTTP calls and our own spans remain.
builder.AddRedisClient("cache", settings => settings.DisableTracing = true);

builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SurveyResponseStore>();
builder.Services.AddSingleton<SourceStatusStore>();
builder.Services.AddSingleton<ActiveSourceStore>();
builder.Services.AddWorkerLeadership();
builder.Services.AddSingleton<PseudonymProvider>();
builder.Services.AddSingleton<WorkerHeartbeat>();
builder.Services.AddHealthChecks().AddCheck<WorkerHeartbeatHealthCheck>("worker");
builder.Services.AddDemoSurvey();
builder.Services.AddSingleton(sp =>
{
    var pseudonyms = sp.GetRequiredService<PseudonymProvider>();
    return new NamePolicy(pseudonyms.Pseudonymizer, pseudonyms.StoreNames);
});
builder.Services.AddSurveyIngestion(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<SurveyIngestHealthCheck>("ingest");
builder.Services.AddSongEnrichment(builder.Configuration).AddEnrichmentWorker();
builder.Services.AddAnalysisWorker();
builder.Services.AddWorkerCommands();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
