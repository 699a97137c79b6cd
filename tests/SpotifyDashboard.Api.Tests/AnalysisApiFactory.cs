using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SpotifyDashboard.Api.Analysis;

namespace SpotifyDashboard.Api.Tests;

/// <summary>The real api (its Program.cs) on an in-process Garnet, with the survey source the test needs.</summary>
public sealed class AnalysisApiFactory(
    string redisConnection,
    SurveySourceKind source,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-api-tests-{Guid.NewGuid():N}");

    /// <summary>
    /// For a fixture whose one client serves a whole test class: that is many dashboards' reads from one address,
    /// more than the per-user read limit allows (the limits have their own tests).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ManyUsersReads = new Dictionary<string, string>
    {
        ["RateLimits:ReadBurst"] = "100000",
        ["RateLimits:ReadsPerMinute"] = "100000",
    };

    /// <summary>
    /// The api on the csv source with an analysis of it saved, its <typeparamref name="TLookup"/> replaced by
    /// <paramref name="lookup"/> (or none), and the services in <paramref name="alsoRemoved"/> that need the lookup gone too.
    /// </summary>
    public static async Task<(AnalysisApiFactory Factory, HttpClient Client)> StartCsvAsync<TLookup>(
        GarnetServerFixture garnet, TLookup? lookup, params Type[] alsoRemoved)
        where TLookup : class
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "csv");
        var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv, services =>
        {
            services.RemoveAll<TLookup>();
            foreach (var type in alsoRemoved)
            {
                services.RemoveAll(type);
            }

            if (lookup is not null)
            {
                services.AddSingleton(lookup);
            }
        });
        return (factory, factory.CreateClient());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", redisConnection);
        builder.UseSetting("Survey:Source", source.ToString());
        builder.UseSetting("Demo:Seed", TestSnapshots.DemoSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Its own folder for the teacher's upload and choice, so no test finds another's (a test may name one to share).
        builder.UseSetting("ActiveSource:DataPath", _dataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            configureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
