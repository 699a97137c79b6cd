using System.Net.Http.Json;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using WireMock;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests.Faults;

[Collection(FaultsCollection.Name)]
public class UpstreamChaosTests(FaultsAppFixture fixture, ITestOutputHelper output)
{
    private const string Prefix = "Chaos Song";
    private const int Students = 6;

    /// <summary>Spotify:Limits:BreakDuration in <see cref="FaultsAppFixture"/>.</summary>
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Spotify's search goes through a 429 storm whose Retry-After (6 s) is beyond Enrichment:MaxRetryAfter (2 s), then a
    /// burst of 503s, then hangs past the attempt timeout. Each shows in <c>/api/status</c> as Spotify's state (cool-down,
    /// open breaker, open breaker after a timeout) while the class's rows wait as pending; once Spotify answers again
    /// every row is enriched, none lost or doubled, and Spotify is back to ok.
    /// </summary>
    [Fact]
    public async Task A429StormA5xxBurstAndAHangShowAsProviderStatesAndNoRowIsLost()
    {
        using var hang = new CancellationTokenSource();
        try
        {
            fixture.Fakes.SearchFault = _ => Task.FromResult<ResponseMessage?>(
                MusicServiceFakes.Answer(429, """{"error":{"status":429,"message":"API rate limit exceeded"}}""", ("Retry-After", "6")));
            await fixture.AddStudentsAsync(Prefix, Students);
            var cooling = await SpotifyUntilAsync(p => p.State == ProviderState.Cooldown);
            Assert.Contains("Retry-After", cooling.LastError, StringComparison.Ordinal);
            await AssertAllPendingAsync();

            fixture.Fakes.SearchFault = _ => Task.FromResult<ResponseMessage?>(
                MusicServiceFakes.Answer(503, """{"error":{"status":503,"message":"Service unavailable"}}"""));
            var broken = await SpotifyUntilAsync(p => p.State == ProviderState.BreakerOpen);
            await AssertAllPendingAsync();

            // Never answers while the test waits: a breaker that opens again after this can only have seen attempts time out
            // (Spotify:Limits:AttemptTimeout, 3 s), and one opened later than the 503 breaker's end was opened by them.
            fixture.Fakes.SearchFault = async _ =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, hang.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return null;
            };
            var hangingSince = DateTimeOffset.UtcNow;
            await SpotifyUntilAsync(p => p.State == ProviderState.BreakerOpen && p.Until > broken.Until && p.Until > hangingSince + BreakDuration + TimeSpan.FromSeconds(1));
            Assert.Contains(fixture.Fakes.SearchQueries, q => q.Contains(Prefix, StringComparison.Ordinal));
            await AssertAllPendingAsync();
        }
        finally
        {
            fixture.Fakes.SearchFault = null;
            await hang.CancelAsync();
        }

        var done = await fixture.WaitForEnrichedAsync(Prefix, Students, TimeSpan.FromSeconds(90));
        Assert.Equal(Students, done.Count);
        Assert.Equal(Students, done.Select(r => r.Response.Id).Distinct().Count());
        Assert.All(done, r => Assert.Equal(FaultsAppFixture.Expected(r) == EnrichmentState.Enriched, r.Features is not null));
        await SpotifyUntilAsync(p => p.State == ProviderState.Ok);
    }

    /// <summary>
    /// ReccoBeats' audio features fail while Spotify still resolves the songs: a burst of 503s opens its breaker, then a
    /// 429 with a Retry-After beyond Enrichment:MaxRetryAfter is a cool-down. The rows wait as pending meanwhile (a
    /// track without its features is not an answer to analyse), and every one has its features once ReccoBeats answers.
    /// </summary>
    [Fact]
    public async Task AReccoBeatsOutageAndBanKeepRowsPendingUntilItAnswersAgain()
    {
        const string prefix = "Features Chaos Song";
        try
        {
            fixture.Fakes.FeaturesFault = _ => Task.FromResult<ResponseMessage?>(
                MusicServiceFakes.Answer(503, """{"error":"Service unavailable"}"""));
            await fixture.AddStudentsAsync(prefix, Students);
            await ProviderUntilAsync("reccobeats", p => p.State == ProviderState.BreakerOpen);
            await AssertAllPendingAsync(prefix);

            fixture.Fakes.FeaturesFault = _ => Task.FromResult<ResponseMessage?>(
                MusicServiceFakes.Answer(429, """{"error":"Too many requests"}""", ("Retry-After", "6")));
            var cooling = await ProviderUntilAsync("reccobeats", p => p.State == ProviderState.Cooldown);
            Assert.Contains("Retry-After", cooling.LastError, StringComparison.Ordinal);
            await AssertAllPendingAsync(prefix);
        }
        finally
        {
            fixture.Fakes.FeaturesFault = null;
        }

        var done = await fixture.WaitForEnrichedAsync(prefix, Students, TimeSpan.FromSeconds(90));
        Assert.Equal(Students, done.Count);
        Assert.Equal(Students, done.Select(r => r.Response.Id).Distinct().Count());
        Assert.All(done, r => Assert.Equal(FaultsAppFixture.Expected(r) == EnrichmentState.Enriched, r.Features is not null));
        await ProviderUntilAsync("reccobeats", p => p.State == ProviderState.Ok);
    }

    private string? _lastLine;

    private async Task AssertAllPendingAsync(string prefix = Prefix)
    {
        var rows = await fixture.ResponsesAsync(prefix);
        Assert.Equal(Students, rows.Count);
        Assert.All(rows, r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
    }

    private Task<ProviderStatus> SpotifyUntilAsync(Func<ProviderStatus, bool> done) => ProviderUntilAsync("spotify", done);

    private async Task<ProviderStatus> ProviderUntilAsync(string provider, Func<ProviderStatus, bool> done)
    {
        var status = await PageWaits.UntilAsync(
            async () =>
            {
                var report = (await fixture.Api.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options))!;
                var line = string.Join("; ", report.Enrichment?.Providers.Select(p => $"{p.Name} {p.State} {p.Until:O} {p.LastError}") ?? []);
                if (line != _lastLine)
                {
                    output.WriteLine(line);
                    _lastLine = line;
                }

                return report;
            },
            s => s.Enrichment?.Providers.FirstOrDefault(p => p.Name == provider) is { } state && done(state),
            TimeSpan.FromSeconds(60));
        return status.Enrichment!.Providers.Single(p => p.Name == provider);
    }
}
