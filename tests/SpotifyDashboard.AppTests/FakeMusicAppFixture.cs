using System.Text;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// What the fixtures share that run the whole app on a CSV class enriched through <see cref="MusicServiceFakes"/>:
/// a temporary folder for the CSV and the cache, the AppHost started with the fakes' addresses, and cleaning up.
/// Each fixture writes its own class and says when the app is ready for its tests.
/// </summary>
public abstract class FakeMusicAppFixture(string name) : IAsyncLifetime
{
    /// <summary>The headers of a Google Forms "Download responses (.csv)" export (as in Fixtures/class-survey.csv).</summary>
    public const string FormsHeader =
        "Timestamp,Your name,How old are you?,What is your major?,What year are you in?,Where are you from (hometown)?,What's your favourite song?,Who is the artist?,How many hours a day do you listen to music?,When do you usually listen to music?";

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), $"sd-apptests-{name}-{Guid.NewGuid():N}");

    public MusicServiceFakes Fakes { get; } = new();

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public HttpClient Web { get; private set; } = null!;

    /// <summary>One row as the Forms download writes it: every field quoted, quotes doubled.</summary>
    protected static string CsvLine(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

    /// <summary>The class as the survey's CSV.</summary>
    protected abstract string SurveyCsv();

    /// <summary>AppHost settings beyond the shared ones (a parameter, a client id).</summary>
    protected virtual IEnumerable<string> MoreSettings => [];

    /// <summary>What the fakes must know before the app starts (a track by id, a listener's top tracks).</summary>
    protected virtual void PrepareFakes()
    {
    }

    /// <summary>A last change to the app model before it is built.</summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>Waits until the app holds what the fixture's tests need.</summary>
    protected abstract Task WaitUntilReadyAsync();

    public async Task InitializeAsync()
    {
        PrepareFakes();
        Directory.CreateDirectory(Folder);
        var csv = Path.Combine(Folder, "class-survey.csv");
        await File.WriteAllTextAsync(csv, SurveyCsv(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            "Survey:Source=Csv",
            $"Survey:CsvPath={csv}",
            "Survey:PollInterval=00:00:02",
            $"Spotify:AccountsBaseUrl={Fakes.AccountsBaseUrl}",
            $"Spotify:ApiBaseUrl={Fakes.SpotifyApiBaseUrl}",
            $"ReccoBeats:BaseUrl={Fakes.ReccoBeatsBaseUrl}",
            "Parameters:spotify-client-secret=fake-client-secret",
            "Enrichment:Interval=00:00:02",
            $"Cache:DataPath={Path.Combine(Folder, "garnet")}",
            $"ActiveSource:DataPath={Path.Combine(Folder, "survey")}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
            $"LiveFeed:RefreshInterval={AppFixture.FallbackRefresh:c}",
            $"Dashboard:FallbackRefreshInterval={AppFixture.FallbackRefresh:c}",
            .. MoreSettings,
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        Configure(builder);

        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "cache-garnet", "worker", "api", "web" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        Api = App.CreateHttpClient("api");
        Web = App.CreateHttpClient("web");
        await WaitUntilReadyAsync();
    }

    public virtual async Task DisposeAsync()
    {
        Api?.Dispose();
        Web?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Fakes.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
