using SpotifyDashboard.Api.Analysis;
using SpotifyDashboard.Api.Apis;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("cache");

builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName).ValidateOnStart();
builder.Services.AddSingleton<SurveyResponseStore>();
builder.Services.AddSingleton<SourceStatusStore>();
builder.Services.AddSingleton<QuarantineStore>();
builder.Services.AddSongEnrichment(builder.Configuration);
builder.Services.AddAnalysisSnapshots();
builder.Services.AddClassData();
builder.Services.AddAnonymousLimits();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options => StoreJson.Configure(options.SerializerOptions));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAnonymousLimits();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapResponsesApi();
app.MapStatusApi();
app.MapEventsApi();
app.MapQuarantineApi();
app.MapUnmatchedApi();
app.MapOverridesApi();
app.MapAnalysisApi();
app.MapOverviewApi();
app.MapDataApi();

app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
