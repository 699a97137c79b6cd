using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.AppTests;

/// <summary>The whole app reading a Google Forms CSV export instead of the demo class.</summary>
public sealed class CsvAppFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-apptests-csv-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var csv = Path.Combine(AppContext.BaseDirectory, "Fixtures", "class-survey.csv");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            "Survey:Source=Csv",
            $"Survey:CsvPath={csv}",
            "Survey:PollInterval=00:00:01",
            $"Cache:DataPath={_dataPath}",
            $"ActiveSource:DataPath={Path.Combine(_dataPath, "survey")}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("worker", cts.Token);
        Api = App.CreateHttpClient("api");
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
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

public class CsvSourceAppTests(CsvAppFixture fixture) : IClassFixture<CsvAppFixture>
{
    [Fact]
    public async Task ResponsesAndQuarantineShowExactlyTheExpectedRows()
    {
        var status = await WholeAppTests.WaitForAsync(
            () => fixture.Api.GetFromJsonAsync<JsonElement>("/api/status"),
            s => s.GetProperty("sources").GetArrayLength() > 0 && s.GetProperty("sources")[0].GetProperty("rowsRead").GetInt64() == 8);

        var source = status.GetProperty("sources")[0];
        Assert.Equal("live", status.GetProperty("mode").GetString());
        Assert.Equal(4, source.GetProperty("accepted").GetInt64());
        Assert.Equal(3, source.GetProperty("quarantined").GetInt64());
        Assert.Equal(1, source.GetProperty("duplicates").GetInt64());

        var responses = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100");
        var songs = responses.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("song").GetString()).ToList();
        Assert.Equal(4, responses.GetProperty("total").GetInt64());
        Assert.Equal(["Volare", "Song with a \"quote\", and a comma", "Bohemian Rhapsody", "Despacito"], songs);

        // No Spotify credentials here: the songs wait, with the reason, and nothing is lost.
        Assert.All(responses.GetProperty("items").EnumerateArray(), i => Assert.Equal("pending", i.GetProperty("enrichment").GetString()));
        Assert.Equal(4, status.GetProperty("enrichment").GetProperty("pending").GetInt64());
        var spotify = await WholeAppTests.WaitForAsync(
            async () => (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("enrichment").GetProperty("providers")
                .EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "spotify"),
            p => p.ValueKind == JsonValueKind.Object && p.GetProperty("state").GetString() == "unavailable");
        Assert.Contains("credentials", spotify.GetProperty("lastError").GetString());

        var json = responses.GetRawText();
        Assert.DoesNotContain("Ana María", json);
        Assert.DoesNotContain("O'Neil", json);
        Assert.DoesNotContain("O\\u0027Neil", json);

        var quarantine = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/quarantine");
        var rows = quarantine.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("row").GetInt32());
        Assert.Equal(3, quarantine.GetProperty("total").GetInt64());
        Assert.Equal([5, 6, 7], rows.Keys.Order());
        Assert.Contains(rows[5].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("song", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows[6].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("age", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows[7].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("timestamp", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StatusReportsTheHeaderMappingFound()
    {
        var status = await WholeAppTests.WaitForAsync(
            () => fixture.Api.GetFromJsonAsync<JsonElement>("/api/status"),
            s => s.GetProperty("columns").ValueKind == JsonValueKind.Object);

        var matches = status.GetProperty("columns").GetProperty("matches").EnumerateArray()
            .ToDictionary(m => m.GetProperty("field").GetString()!, m => m.GetProperty("header").GetString());
        Assert.Equal("What's your favourite song?", matches["Song"]);
        Assert.Equal("Who is the artist?", matches["Artist"]);
        Assert.Equal("Timestamp", matches["Timestamp"]);
    }
}
