using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using SpotifyDashboard.Core.Commands;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Ingestion.Mapping;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("cache");

builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<ActiveSourceOptions>().BindConfiguration(ActiveSourceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<ClassDataOptions>().BindConfiguration(ClassDataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<AnonymousLimitsOptions>().BindConfiguration(AnonymousLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

// The stores in Redis, and the song lookups (Spotify, ReccoBeats, the teacher's overrides) of predict-major and compare.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SurveyResponseStore>();
builder.Services.AddSingleton<SourceStatusStore>();
builder.Services.AddSingleton<QuarantineStore>();
builder.Services.AddSingleton<ActiveSourceStore>();
builder.Services.AddSingleton<SnapshotStore>();
builder.Services.AddSongLookup(builder.Configuration);

// What each replica keeps in memory so that requests rarely wait for Redis, each read again on the store's events.
builder.Services.AddSingleton<EventBroadcast>();
builder.Services.AddSingleton<SourceChoiceFiles>();
AddStoreCache<ActiveSource>();
AddStoreCache<SnapshotCache>();
AddStoreCache<ClassDataCache>();
AddStoreCache<StatusReportCache>();

// Songs from outside the class, for predict-major and compare.
builder.Services.AddSingleton<DemoSongIndex>();
builder.Services.AddSingleton<VisitorSongLookup>();

// What keeps one anonymous user from exhausting the api (see AnonymousLimits), and the teacher's key.
builder.Services.AddMetrics();
builder.Services.AddSingleton<ApiTelemetry>();
builder.Services.AddSingleton<ClientAddress>();
builder.Services.AddSingleton<AdminFailureThrottle>();
builder.Services.AddSingleton<UpstreamLookupGate>();
builder.Services.AddRateLimiter(_ => { });
builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<AnonymousLimitsOptions>, ClientAddress, ApiTelemetry>(AnonymousLimits.Configure);
// No default scheme: only the endpoints that require the Admin policy look at the header.
builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(AdminKeyAuthenticationHandler.PolicyName, policy => policy
        .AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName)
        .RequireRole(AdminKeyAuthenticationHandler.TeacherRole));

// The teacher's tools: commands for the worker, uploads, health details.
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
app.UseMiddleware<AdminFailureThrottle>();
app.UseMiddleware<BodyLimitMiddleware>();
app.UseRateLimiter();
// After the limits, not where the host would put them by itself (first): a refused admin key must pass through the
// failed-attempt throttle on its way out.
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapHealthDetailsApi();
app.MapEventsApi();
app.MapClassApi();
app.MapAnalysisApi();
app.MapDataApi();
app.MapAdminApi();
app.MapUploadApi();

app.Run();

// Each copy is a singleton that requests read and a hosted service that keeps it fresh.
void AddStoreCache<T>() where T : StoreCache
{
    builder.Services.AddSingleton<T>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<T>());
}

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
