using Microsoft.Extensions.Options;
using SpotifyDashboard.CacheHost;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddOptions<GarnetHostOptions>()
    .BindConfiguration(GarnetHostOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<GarnetHostOptions>, GarnetHostOptionsValidator>();
builder.Services.AddSingleton<GarnetHost>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<GarnetHost>());
builder.Services.AddHealthChecks().AddCheck<GarnetHealthCheck>("garnet");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
