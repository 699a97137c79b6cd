using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Worker;
using SpotifyDashboard.Worker.Demo;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("cache");

builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName).ValidateOnStart();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SurveyResponseStore>();
builder.Services.AddSingleton<SourceStatusStore>();
builder.Services.AddSingleton<PseudonymProvider>();
builder.Services.AddSingleton<WorkerHeartbeat>();
builder.Services.AddHealthChecks().AddCheck<WorkerHeartbeatHealthCheck>("worker");
builder.Services.AddDemoSurvey();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
