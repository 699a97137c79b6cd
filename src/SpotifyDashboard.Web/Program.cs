using Microsoft.FluentUI.AspNetCore.Components;
using SpotifyDashboard.Web.Components;
using SpotifyDashboard.Web.KeyRing;
using SpotifyDashboard.Web.Spotify;
using SpotifyDashboard.Web.Telemetry;

var builder = WebApplication.CreateBuilder(args);
// The host reads the static web assets manifest (Fluent UI's files, the scoped CSS, blazor.web.js) only in Development,
// so a build run as Production or Staging would serve broken pages; a published app has no such manifest: no change there.
builder.WebHost.UseStaticWebAssets();
// In Development the static assets are otherwise re-read from wwwroot whenever a file's time differs from the build's, and
// the build keeps whole seconds while the disk keeps fractions: every file of our own went out "gzip" at no compression
// (the 0.4 MB plotly bundle as 1.2 MB). Without reloading they are served as built, precompressed; a wwwroot edit then
// shows after a build, as it does when published. Setting ReloadStaticAssetsAtRuntime=true brings the reloading back.
builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

builder.AddServiceDefaults();
// The host's per-request lines carry the full URL, and Spotify's callback has the sign-in code in it: keep them out
// of the logs (the traces redact query strings by themselves). So does a redirect's line, and the sign-in's redirect
// to Spotify carries the client id, the PKCE challenge and the state.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result.RedirectResult", LogLevel.Warning);

// The pages: Blazor on the server, Fluent UI, and a count of the open dashboards.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddFluentUIComponents();
builder.Services.AddDashboardSessionTelemetry();
builder.Services.AddOptions<LiveFeedOptions>().BindConfiguration(LiveFeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);

// The api, the web's only way to data: the class's answers, the events that keep pages live, the teacher's endpoints.
builder.Services.AddDashboardApiClient();
builder.Services.AddApiEventStream();
builder.Services.AddAdminApiClient();

// The cache holds the teacher's sessions, the listeners' Spotify tokens and the encrypted keys that protect both.
builder.AddRedisClient("cache");
builder.AddEncryptedKeyRing();

// What one address may ask of the web itself (sign-in starts, open circuits, the teacher's password).
builder.Services.AddWebLimits();

// The teacher's sign-in (cookie, session in the cache) for the teacher's pages.
builder.AddTeacherSignIn();

// A listener's own sign-in with Spotify (PKCE), for comparing their top tracks with the class.
builder.AddSpotifySignIn();

// The pages' HTML (55 KB on the Overview, with its charts' figures) compressed, over plain http only: there nothing is
// hidden from an eavesdropper anyway, while over https compressing a page that carries tokens beside what a visitor
// typed would open it to BREACH. Static files come precompressed from the build.
builder.Services.AddResponseCompression(options => options.MimeTypes = ["text/html"]);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseBrowserSecurityHeaders();
app.UseResponseCompression();
app.UseMetricsOnlyFromInside();
app.UseRateLimiter();
app.UseTeacherSignIn();

app.UseAntiforgery();
app.UsePlotlyScriptCaching();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDataExport();
app.MapSpotifySignIn();
app.MapDefaultEndpoints();

app.Run();
