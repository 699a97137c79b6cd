using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Admin;
using SpotifyDashboard.Api.Analysis;
using SpotifyDashboard.Api.Apis;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Api.Health;
using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Api.Status;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Ingestion.Mapping;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("cache");

builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<SurveyResponseStore>();
builder.Services.AddSingleton<SourceStatusStore>();
builder.Services.AddSingleton<QuarantineStore>();
builder.Services.AddSongEnrichment(builder.Configuration);
builder.Services.AddActiveSource();
builder.Services.AddAnalysisSnapshots();
builder.Services.AddClassData();
builder.Services.AddStatusReport();
builder.Services.AddAnonymousLimits();
builder.Services.AddAdminKey();
builder.Services.AddSingleton<WorkerCommandQueue>();
builder.Services.AddSingleton<RefreshProgressStore>();
builder.Services.AddSingleton<HealthDetailsReader>();
// The upload is read as the worker will read it (same section, same mapping), never stored before it is accepted.
builder.Services.AddSingleton(sp => new HeaderMapper(sp.GetRequiredService<IOptions<SurveyOptions>>().Value.Columns));
builder.Services.AddSingleton<UploadInspector>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options => DashboardJson.Configure(options.SerializerOptions));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAnonymousLimits();
// After the limits, not where the host would put them by itself (first): a refused admin key must pass through the
// failed-attempt throttle on its way out.
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapHealthDetailsApi();
app.MapResponsesApi();
app.MapStatusApi();
app.MapEventsApi();
app.MapQuarantineApi();
app.MapUnmatchedApi();
app.MapOverridesApi();
app.MapAdminSourcesApi();
app.MapRefreshApi();
app.MapUploadApi();
app.MapAnalysisApi();
app.MapOverviewApi();
app.MapDataApi();

app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
