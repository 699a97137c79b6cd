using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using SpotifyDashboard.TestSupport;
using SpotifyDashboard.Web.Telemetry;

namespace SpotifyDashboard.Web.Tests.Monitoring;

/// <summary>
/// The web's footer and its metrics. Alone: OpenTelemetry listens to meters by name, so a scrape would also count
/// what other test hosts in this process measure meanwhile.
/// </summary>
[Collection(WebMetricsCollection.Name)]
public sealed partial class WebMonitoringTests : IDisposable
{
    private readonly WebFactory _web = new();

    private static string WebVersion =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Fact]
    public async Task EveryPageEndsWithTheWebsVersionInMutedText()
    {
        var html = await _web.CreateBrowser().GetStringAsync("/");

        var footer = FooterText().Match(html);
        Assert.True(footer.Success, "The page has no version footer.");
        Assert.Equal($"SpotifyDashboard {WebVersion}", WebUtility.HtmlDecode(footer.Groups[1].Value));
        Assert.Contains(".version-footer", await _web.CreateBrowser().GetStringAsync("/SpotifyDashboard.Web.styles.css"));
    }

    [Fact]
    public async Task OpenCircuitsAreActiveDashboardSessionsOnTheWebsMetrics()
    {
        var handler = _web.Services.CreateScope().ServiceProvider.GetServices<CircuitHandler>().OfType<DashboardSessionCircuitHandler>().Single();

        // Blazor calls these as tabs connect and leave; the circuit itself is not looked at.
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitClosedAsync(null!, CancellationToken.None);

        var scrape = await ScrapeUntilAsync(s => s.Any(x => x.Name == "active_sessions" && x["kind"] == "dashboard"));
        Assert.Equal(1, scrape.Single(x => x.Name == "active_sessions" && x["kind"] == "dashboard").Value);
        Assert.Contains(scrape, x => x.Name == "error_rate" && x["service"] == "SpotifyDashboard.Web");
    }

    public void Dispose() => _web.Dispose();

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(Func<IReadOnlyList<PrometheusSample>, bool> found)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Add(WebFactory.FromLoopbackHeader, "1");
            var response = await _web.CreateBrowser().SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var samples = PrometheusSample.Parse(await response.Content.ReadAsStringAsync());
            if (found(samples) || DateTime.UtcNow > until)
            {
                return samples;
            }

            // The exporter answers from a copy for a few hundred milliseconds.
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("<small id=\"app-version\"[^>]*>([^<]*)</small>")]
    private static partial Regex FooterText();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebMetricsCollection
{
    public const string Name = "web metrics scraped alone";
}
