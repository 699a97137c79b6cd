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

/// <summary>
/// Internal, not the public one ASP.NET generates for a top-level Program: the test projects reach this project (for
/// <see cref="GarnetArguments"/>) beside the api's or the web's, whose public Program their factories name.
/// </summary>
internal partial class Program;
