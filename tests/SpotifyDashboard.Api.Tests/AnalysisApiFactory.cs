using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Api.Analysis;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Tests;

/// <summary>The real api (its Program.cs) on an in-process Garnet, with the survey source the test needs.</summary>
public sealed class AnalysisApiFactory(
    string redisConnection,
    SurveySourceKind source,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", redisConnection);
        builder.UseSetting("Survey:Source", source.ToString());
        builder.UseSetting("Demo:Seed", TestSnapshots.DemoSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            configureServices?.Invoke(services);
        });
    }
}
