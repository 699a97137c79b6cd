using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.TestSupport.GoogleSheets;
using StackExchange.Redis;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

/// <summary>
/// What a failing source leaves behind: the public status is short and generic; the detail, for the
/// teacher, names the sheet, the file and the account; a malformed service-account value appears nowhere.
/// </summary>
public sealed class SourceErrorPrivacyTests(GarnetFixture garnet) : IngestTestBase(garnet), IDisposable
{
    private const string SheetSource = "sheet";

    private readonly FakeGoogle _google = new();
    private readonly CapturedLogs _logs = new();
    private readonly CapturedActivities _activities = new();

    /// <summary>Malformed values that could be (part of) a real key: each with a fragment that must never leak.</summary>
    public static TheoryData<string, string> MalformedServiceAccounts => new()
    {
        { "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw" },
        { "Zq3vN8xT1kLmP0wR7yHs2BdFgJ9cUeA4oViQ6nXtKzW5pE8rMbYh3GjCaS1u", "Zq3vN8xT1kLmP0wR7yHs2BdFgJ9cUeA4oViQ" },
        { """{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7Secret""", "MIIEowIBAAKCAQEAq7Secret" },
        { """{"type":"service_account","client_email":"x@y.z","private_key":"not-a-pem-Kx9Secret4Tail"}""", "Kx9Secret4Tail" },
        { Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN PRIVATE KEY-----\nQmFzZTY0U2VjcmV0\n")), "QmFzZTY0U2VjcmV0" },
        { "/secrets/Ab7Secret9Path/key.json", "Ab7Secret9Path" },
    };

    [Theory]
    [MemberData(nameof(MalformedServiceAccounts))]
    public async Task AMalformedServiceAccountIsNeverEchoed(string value, string fragment)
    {
        using var services = Services(settings: _google.Settings(value), logs: _logs);

        Assert.Null(await PollAsync(services));
        var error = await Assert.ThrowsAsync<SurveySourceException>(() => services.GetRequiredService<GoogleSheetReader>().ReadAsync(CancellationToken.None));

        var status = await Statuses.GetAsync(SheetSource);
        Assert.Contains("google-service-account", status!.Error);
        Assert.Contains("google-service-account", await Statuses.GetDetailAsync(SheetSource));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("google-service-account", StringComparison.Ordinal));
        Assert.True(_activities.Count > 0);
        var everywhere = string.Join('\n', error.ToString(), error.PublicMessage, _logs.All, _activities.All, await EverythingInRedisAsync());
        Assert.DoesNotContain(fragment, everywhere);
        Assert.DoesNotContain(value.Trim(), everywhere);
        Assert.DoesNotContain("PRIVATE KEY", everywhere);
    }

    [Fact]
    public async Task A403IsGenericInPublicAndNamesTheSheetAndAccountInTheDetail()
    {
        _google.Api.Access = SheetAccess.NotShared;
        using var services = Services(settings: _google.Settings(), logs: _logs);

        Assert.Null(await PollAsync(services));

        var error = (await Statuses.GetAsync(SheetSource))!.Error!;
        Assert.Equal("The sheet is not shared with the service account.", error);
        AssertNamesNothing(error);
        var detail = await Statuses.GetDetailAsync(SheetSource);
        Assert.Contains(FakeGoogle.SheetId, detail);
        Assert.Contains(FakeGoogle.ClientEmail, detail);
        Assert.Contains("The caller does not have permission", detail);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains(FakeGoogle.ClientEmail, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeGoogle.ClientEmail, _activities.All);
    }

    [Fact]
    public async Task AMissingCsvFileIsGenericInPublicAndNamesThePathInTheDetail()
    {
        var path = Path.Combine(Path.GetTempPath(), $"teacher-{Guid.NewGuid():N}", "responses.csv");
        using var services = Services(settings: new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvPath"] = path }, logs: _logs);

        Assert.Null(await PollAsync(services));

        var error = (await Statuses.GetAsync(Source))!.Error!;
        Assert.Equal("The CSV file could not be read: check Survey:CsvPath.", error);
        AssertNamesNothing(error);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), error);
        Assert.Contains(path, await Statuses.GetDetailAsync(Source));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASourceThatDoesNotAnswerIsReportedAsSuch()
    {
        var url = $"{_google.BaseUrl}/export?format=csv&id=1Secret2Sheet";
        _google.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/export").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503));
        using var services = Services(settings: new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvUrl"] = url }, logs: _logs);

        Assert.Null(await PollAsync(services));

        var error = (await Statuses.GetAsync(Source))!.Error!;
        Assert.Equal(SurveySourceException.DidNotAnswer, error);
        Assert.Contains($"{_google.BaseUrl}/export", await Statuses.GetDetailAsync(Source));
    }

    private void AssertNamesNothing(string error)
    {
        Assert.DoesNotContain(FakeGoogle.SheetId, error);
        Assert.DoesNotContain(FakeGoogle.ClientEmail, error);
        Assert.DoesNotContain("@", error);
        Assert.DoesNotContain("http", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_google.BaseUrl, error);
        Assert.DoesNotContain("/", error);
    }

    private static async Task<IngestResult?> PollAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveySourcePoller>().PollAsync(CancellationToken.None);
    }

    /// <summary>Every key and value the store holds, as text.</summary>
    private async Task<string> EverythingInRedisAsync()
    {
        var server = Garnet.Redis.GetServers()[0];
        var db = Garnet.Redis.GetDatabase();
        var text = new StringBuilder();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            text.Append(key).Append('=');
            var type = await db.KeyTypeAsync(key);
            text.AppendJoin(' ', type switch
            {
                RedisType.String => [(await db.StringGetAsync(key)).ToString()],
                RedisType.Hash => (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}:{e.Value}"),
                RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => v.ToString()),
                RedisType.List => (await db.ListRangeAsync(key)).Select(v => v.ToString()),
                RedisType.Set => (await db.SetMembersAsync(key)).Select(v => v.ToString()),
                _ => [type.ToString()],
            }).Append('\n');
        }

        return text.ToString();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _google.Dispose();
    }
}
