using System.Reflection;

namespace SpotifyDashboard.Api.Tests.Monitoring;

/// <summary>Reads the api's <c>/metrics</c> as Prometheus would.</summary>
public static class Scrapes
{
    /// <summary>The api's informational version, as MinVer stamped it.</summary>
    public static string ApiVersion =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    public static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return PrometheusSample.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Scrapes until <paramref name="found"/> holds. The exporter answers from a copy for a few hundred milliseconds,
    /// and a stream that just closed is counted down a moment after the client let go.
    /// </summary>
    public static async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(HttpClient client, Func<IReadOnlyList<PrometheusSample>, bool> found)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var samples = await ScrapeAsync(client);
            if (found(samples))
            {
                return samples;
            }

            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException($"Not found in the scrape within 10 s. Samples:\n{string.Join('\n', samples.Select(s => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"))}");
            }

            await Task.Delay(100);
        }
    }
}
