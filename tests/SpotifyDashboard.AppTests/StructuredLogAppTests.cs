using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The logs of a whole run outside Development (see <see cref="LogCaptureAppFixture"/>): what each service writes to
/// its console is one JSON record per line with a UTC timestamp, lines written for a request carry its trace id, and
/// no line of any resource holds a secret of the run or a student's name.
/// </summary>
public sealed partial class StructuredLogAppTests(LogCaptureAppFixture fixture, ITestOutputHelper output) : IClassFixture<LogCaptureAppFixture>
{
    /// <summary>The resources that run our code, each through ServiceDefaults.</summary>
    private static readonly string[] OurProcesses = ["api", "worker", "web", "cache-garnet"];

    /// <summary>The services that answer people's requests (the worker's and the cache host's are only health probes).</summary>
    private static readonly string[] RequestServers = ["api", "web"];

    [Fact]
    public void EveryLineOurProcessesWriteIsOneJsonRecordWithAUtcTimestamp()
    {
        foreach (var resource in OurProcesses)
        {
            var lines = CompleteLinesOf(resource);
            var written = ConsoleLogLines.FromTheProcess(lines);
            output.WriteLine($"{resource}: {written.Count} lines from the process, {lines.Count - written.Count} from the orchestrator before it");
            Assert.True(written.Count > 5, $"{resource} wrote only {written.Count} lines");

            foreach (var line in written)
            {
                var record = ConsoleLogLines.Record(line);
                Assert.True(record is not null, $"{resource} line {line.Number} is not a JSON object: {ConsoleLogLines.Text(line)}");
                Assert.False(line.IsError, $"{resource} line {line.Number} went to stderr: {ConsoleLogLines.Text(line)}");
                var r = record.Value;
                Assert.Matches(UtcTimestamp(), r.GetProperty("Timestamp").GetString());
                Assert.False(string.IsNullOrEmpty(r.GetProperty("LogLevel").GetString()));
                Assert.False(string.IsNullOrEmpty(r.GetProperty("Category").GetString()));
                Assert.True(r.TryGetProperty("Message", out _), $"{resource} line {line.Number} has no Message");
            }

            // The orchestrator's lines before the start are its notes about the resource, never the process's output.
            Assert.All(lines.Take(lines.Count - written.Count - 1), l => Assert.Matches(OrchestratorNote(), ConsoleLogLines.Text(l)));
            Assert.Contains(written, l => ConsoleLogLines.Record(l)?.GetProperty("Message").GetString() == $"Hosting environment: {LogCaptureAppFixture.Environment}");
        }
    }

    [Fact]
    public void EveryLineWrittenForARequestCarriesItsTraceId()
    {
        var traceIds = new Dictionary<string, HashSet<string>>();
        foreach (var resource in OurProcesses)
        {
            // A line written while the host handled a request has the host's request scope (its RequestId).
            var inRequests = ConsoleLogLines.FromTheProcess(CompleteLinesOf(resource))
                .Select(l => (Line: l, Record: ConsoleLogLines.Record(l)!.Value))
                .Where(l => ConsoleLogLines.ScopeValue(l.Record, "RequestId") is not null)
                .ToList();
            output.WriteLine($"{resource}: {inRequests.Count} lines written for a request");
            if (RequestServers.Contains(resource))
            {
                Assert.True(inRequests.Count > 3, $"{resource} wrote only {inRequests.Count} lines for requests");
            }

            foreach (var (line, record) in inRequests)
            {
                var traceId = ConsoleLogLines.ScopeValue(record, "TraceId");
                Assert.True(traceId is not null && TraceId().IsMatch(traceId) && traceId.Trim('0').Length > 0,
                    $"{resource} line {line.Number} has no trace id: {ConsoleLogLines.Text(line)}");
                Assert.Matches(SpanId(), ConsoleLogLines.ScopeValue(record, "SpanId"));
            }

            traceIds[resource] = [.. inRequests.Select(l => ConsoleLogLines.ScopeValue(l.Record, "TraceId")!)];
        }

        // The web's calls carry the trace on to the api: a page's lines and the api's lines of the call it made share a trace id.
        Assert.NotEmpty(traceIds["web"].Intersect(traceIds["api"]));
        // The worker's lines of a traced operation carry it too (the sheet's refusal of a token was written while reading it).
        var refusal = ConsoleLogLines.Record(fixture.Logs.Of("worker").First(l => l.Content.Contains("refused the access token", StringComparison.Ordinal)))!.Value;
        Assert.Matches(TraceId(), ConsoleLogLines.ScopeValue(refusal, "TraceId"));
    }

    [Fact]
    public void NoLineOfAnyResourceHoldsASecretOrAStudentsName()
    {
        var lines = fixture.Logs.Lines;
        var resources = lines.Select(l => l.Resource).ToHashSet();
        Assert.Superset(new HashSet<string>(OurProcesses), resources);
        foreach (var resource in OurProcesses)
        {
            CompleteLinesOf(resource);
        }

        var forbidden = fixture.ForbiddenInLogs();
        output.WriteLine($"{lines.Count} lines of {resources.Count} resources searched for {forbidden.Count} values in {forbidden.Sum(f => f.Forms.Count)} forms");
        var leaks = (
            from line in lines
            let readable = ConsoleLogLines.Readable(line)
            from f in forbidden
            where f.Forms.Any(form => readable.Contains(form, StringComparison.OrdinalIgnoreCase))
            group line by f.What).ToList();

        // Each kind of leak once, with how often and where it happened first.
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(g =>
            $"{g.Key}: {g.Count()} lines, first {g.First().Resource} line {g.First().Number}: {ConsoleLogLines.Text(g.First())[..Math.Min(600, ConsoleLogLines.Text(g.First()).Length)]}")));
    }

    [Fact]
    public void TheSheetsDatesAreServedAsTheInstantsOfItsOwnZone()
    {
        // The sheet counts its serial dates on Berlin's clock: 9:00 there on 20 November is 8:00 UTC.
        Assert.Equal(LogCaptureAppFixture.SheetSubmittedUtc().Order(), fixture.SheetSubmittedAt.Order());
    }

    [Fact]
    public void TheRunPutEverySecretAndNameInPlay()
    {
        var spotifyTokenCalls = fixture.Fakes.Server.LogEntries.Where(e => e.RequestMessage.Path == "/api/token").ToList();
        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fixture.SpotifyClientId}:{fixture.SpotifyClientSecret}"));
        Assert.Contains(spotifyTokenCalls, e => Authorization(e) == basic);
        Assert.Contains(fixture.Fakes.Server.LogEntries, e => e.RequestMessage.Path == "/v1/search" && Authorization(e) == $"Bearer {fixture.Fakes.AppAccessToken}");
        // A code and its verifier, then an access and a refresh token.
        Assert.True(fixture.Fakes.ListenerCredentials.Count >= 4, $"only {fixture.Fakes.ListenerCredentials.Count} listener credentials");
        Assert.NotEmpty(fixture.Google.Assertions);
        Assert.True(fixture.Google.AuthorizedReads >= 3, "the sheet was not read after its 401");
        Assert.Single(fixture.Google.RefusedTokens);
        Assert.True(fixture.Google.AccessTokens.Count >= 2, "no new token was fetched after the 401");
        Assert.Contains(fixture.CookieValues, c => c.Length >= 16);

        var web = fixture.Logs.Of("web").Select(ConsoleLogLines.Text).ToList();
        Assert.Contains(web, l => l.Contains("A wrong teacher password", StringComparison.Ordinal));
        Assert.Contains(web, l => l.Contains("The teacher signed in", StringComparison.Ordinal));
        Assert.Contains(web, l => l.Contains("A listener signed in with Spotify", StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Of("api"), l => ConsoleLogLines.Record(l) is { } r && r.GetProperty("Message").GetString()!.Contains(" 401 ", StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Of("worker"), l => l.Content.Contains("Google Sheets refused the access token of the service account", StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Of("worker"), l => l.Content.Contains(fixture.Google.ClientEmail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWebServesItsPagesAndScriptsOutsideDevelopment()
    {
        Assert.True(fixture.PageProblemsSeen.Count == 0, string.Join("\n", fixture.PageProblemsSeen));
        foreach (var path in new[] { "/", "/_framework/blazor.web.js", "/_content/Microsoft.FluentUI.AspNetCore.Components/Microsoft.FluentUI.AspNetCore.Components.lib.module.js" })
        {
            using var response = await fixture.Web.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    private static string? Authorization(WireMock.Logging.ILogEntry entry) =>
        entry.RequestMessage.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() : null;

    /// <summary>The resource's lines, checked to be all it wrote so far: numbered from 1 without a gap.</summary>
    private IReadOnlyList<CapturedLogLine> CompleteLinesOf(string resource)
    {
        var lines = fixture.Logs.Of(resource);
        Assert.NotEmpty(lines);
        Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.Number));
        return lines;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcTimestamp();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex SpanId();

    /// <summary>What the AppHost writes into a resource's log before starting it.</summary>
    [GeneratedRegex(@"^(Waiting for resource|Finished waiting for resource|No custom certificate authorities to configure for) ")]
    private static partial Regex OrchestratorNote();
}
