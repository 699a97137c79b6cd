using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app (cache, worker, api, web) started once from the real AppHost, shared by every
/// test in the <see cref="AppCollection"/>. Demo students arrive every second, and the cache
/// keeps its data in a temporary folder so runs never touch the developer's <c>.data/</c>.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Not the default (42): proves the AppHost hands its settings on to worker and api.</summary>
    public const int DemoSeed = 7;

    /// <summary>The survey form the join panel links to.</summary>
    public const string FormUrl = "https://forms.example.test/class-survey";

    /// <summary>Long enough that no test sees a poll: what changes on a page was pushed.</summary>
    public static readonly TimeSpan FallbackRefresh = TimeSpan.FromMinutes(5);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-apptests-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public HttpClient Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            "Demo:NewResponseInterval=00:00:01",
            // One a second would exhaust the default cap in a long run; the tests expect new arrivals throughout.
            "Demo:MaxStudents=100000",
            $"Demo:Seed={DemoSeed}",
            $"Cache:DataPath={_dataPath}",
            $"ActiveSource:DataPath={Path.Combine(_dataPath, "survey")}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
            // Polling only as a fallback, every five minutes: a page that updates during a test was pushed an event.
            $"LiveFeed:RefreshInterval={FallbackRefresh:c}",
            $"Dashboard:FallbackRefreshInterval={FallbackRefresh:c}",
            $"Survey:FormUrl={FormUrl}",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "cache-garnet", "worker", "api", "web" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        Api = App.CreateHttpClient("api");
        Web = App.CreateHttpClient("web");
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        Web?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "whole app";
}
