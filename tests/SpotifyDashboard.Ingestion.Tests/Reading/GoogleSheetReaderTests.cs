using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.TestSupport.GoogleSheets;
using WireMock.Logging;

namespace SpotifyDashboard.Ingestion.Tests.Reading;

/// <summary>The Sheets reader against a fake Google on loopback; no Redis needed.</summary>
public sealed class GoogleSheetReaderTests : IDisposable
{
    private readonly FakeGoogle _google = new();

    private ISurveyTableReader Reader(string? serviceAccount = null, string? range = null)
    {
        var settings = _google.Settings(serviceAccount);
        if (range is not null)
        {
            settings["Survey:Range"] = range;
        }

        var provider = IngestionServices.Build(redis: null, settings);
        return provider.GetRequiredService<GoogleSheetReader>();
    }

    private List<ILogEntry> SheetsCalls() =>
        [.. _google.Server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/v4/", StringComparison.Ordinal)).OrderBy(e => e.RequestMessage.DateTime)];

    [Fact]
    public async Task FindsTheResponsesTabByItsHeaderRowAndReadsItWithTheSheetsZoneAndLocale()
    {
        var table = await Reader().ReadAsync(CancellationToken.None);

        Assert.Equal(FakeGoogle.Headers, table.Headers);
        Assert.Equal([2, 3, 4], table.Rows.Select(r => r.Number));
        Assert.All(table.Rows, r => Assert.Equal(5, r.Cells.Count));
        Assert.Equal(["Chloé", "Yellow", "", ""], table.Rows[2].Cells.Skip(1));
        Assert.Equal("2.5", table.Rows[0].Cells[4]);
        Assert.Equal(("Europe/Berlin", "de_DE"), (table.TimeZone, table.Locale));

        var calls = SheetsCalls().Select(e => e.RequestMessage).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal($"/v4/spreadsheets/{FakeGoogle.SheetId}", calls[0].AbsolutePath);
        Assert.Equal("properties(timeZone,locale),sheets.properties(title,sheetType)", calls[0].Query!["fields"].Single());
        Assert.Equal(["'Notizen'!1:1", "'Formularantworten 1'!1:1"], calls[1].Query!["ranges"]);
        Assert.Equal($"/v4/spreadsheets/{FakeGoogle.SheetId}/values/'Formularantworten 1'", calls[2].AbsolutePath);
        Assert.Equal("UNFORMATTED_VALUE", calls[2].Query!["valueRenderOption"].Single());
        Assert.Equal("SERIAL_NUMBER", calls[2].Query!["dateTimeRenderOption"].Single());
    }

    [Fact]
    public async Task ReadsDatesAsSerialNumbersOfTheSheetsWallClock()
    {
        var table = await Reader().ReadAsync(CancellationToken.None);

        // 2025-12-09 13:45 on the sheet's clock: 46000 days after 1899-12-30, and 13.75 hours.
        Assert.Equal(46000 + (13.75 / 24), double.Parse(table.Rows[0].Cells[0], System.Globalization.CultureInfo.InvariantCulture), 9);
    }

    [Theory]
    [InlineData("Q1")]
    [InlineData("A1")]
    [InlineData("Rock 'n' Roll 2026")]
    public async Task ATabNameGivenAsSurveyRangeIsQuotedSoItIsNotReadAsACell(string tab)
    {
        _google.Sheet.Tabs[1] = Renamed(_google.Sheet.Tabs[1], tab);

        var table = await Reader(range: tab).ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
        var values = SheetsCalls().Last().RequestMessage;
        Assert.Equal($"/v4/spreadsheets/{FakeGoogle.SheetId}/values/'{tab.Replace("'", "''", StringComparison.Ordinal)}'", values.AbsolutePath);
    }

    [Fact]
    public async Task ATabCalledLikeACellIsFoundAndQuotedWithoutSurveyRange()
    {
        _google.Sheet.Tabs[0] = Renamed(_google.Sheet.Tabs[0], "A1");
        _google.Sheet.Tabs[1] = Renamed(_google.Sheet.Tabs[1], "Q1");

        var table = await Reader().ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal($"/v4/spreadsheets/{FakeGoogle.SheetId}/values/'Q1'", SheetsCalls().Last().RequestMessage.AbsolutePath);
    }

    [Fact]
    public async Task ASurveyRangeWithAnExclamationMarkIsUsedAsItIs()
    {
        var table = await Reader(range: "'Formularantworten 1'!A1:D3").ReadAsync(CancellationToken.None);

        Assert.Equal(FakeGoogle.Headers[..4], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        // No tab to look for: spreadsheets.get asks for the zone and locale only.
        Assert.Equal("properties(timeZone,locale)", SheetsCalls()[0].RequestMessage.Query!["fields"].Single());
        Assert.Equal(2, SheetsCalls().Count);
    }

    [Fact]
    public async Task NoTabWithTheSurveysHeaderRowSaysToSetSurveyRange()
    {
        _google.Sheet.Tabs.RemoveAt(1);

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Contains("Survey:Range", error.PublicMessage);
        Assert.Contains("'Notizen'", error.Message);
        Assert.Equal(0, _google.ValuesRequestCount);
    }

    [Fact]
    public async Task ARefusedTokenIsDroppedAndANewOneFetchedOnce()
    {
        _google.Api.RefuseNextTokens(1);

        var table = await Reader().ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(2, _google.Api.AccessTokens.Count);
        var refused = Assert.Single(_google.Api.RefusedTokens);
        // The refused token was sent once, never again.
        Assert.Single(SheetsCalls(), e => e.RequestMessage.Headers!["Authorization"].Single() == $"Bearer {refused}");
        Assert.Equal(2, _google.Server.LogEntries.Count(e => e.RequestMessage.Path == "/token"));
    }

    [Fact]
    public async Task AFreshTokenRefusedTooIsAClearError()
    {
        _google.Api.RefuseNextTokens(2);

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Contains("google-service-account", error.PublicMessage);
        Assert.Contains(FakeGoogle.ClientEmail, error.Message);
        Assert.Contains("freshly issued one too", error.Message);
        Assert.Equal(2, _google.Server.LogEntries.Count(e => e.RequestMessage.Path == "/token"));
        Assert.Equal(2, SheetsCalls().Count);
    }

    [Fact]
    public async Task AnUnsharedSheetSaysToShareItWithTheServiceAccountAsViewer()
    {
        _google.Api.Access = SheetAccess.NotShared;

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Equal(GoogleSheetFailures.NotShared, error.PublicMessage);
        Assert.Contains($"not shared with the service account {FakeGoogle.ClientEmail}", error.Message);
        Assert.Contains($"add {FakeGoogle.ClientEmail} as Viewer", error.Message);
        Assert.DoesNotContain("enable", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(SheetsCalls());
    }

    [Fact]
    public async Task ASheetsApiNotEnabledSaysToEnableItInTheProjectWithTheLink()
    {
        _google.Api.Access = SheetAccess.ApiDisabled;

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Equal(GoogleSheetFailures.ApiNotEnabled, error.PublicMessage);
        Assert.Contains($"Google Cloud project {_google.Api.ProjectNumber}", error.Message);
        Assert.Contains($"open https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project={_google.Api.ProjectNumber}, press Enable", error.Message);
        Assert.DoesNotContain("Share", error.Message);
    }

    [Fact]
    public async Task GetsItsTokenFromTheKeysTokenUriWithTheReadOnlyScope()
    {
        await Reader().ReadAsync(CancellationToken.None);

        var body = _google.Server.LogEntries.Single(e => e.RequestMessage.Path == "/token").RequestMessage.Body!;
        var form = body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        var payload = form["assertion"].Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        Assert.Equal(FakeGoogle.ClientEmail, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("https://www.googleapis.com/auth/spreadsheets.readonly", claims.RootElement.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task BacksOffOn429HonouringRetryAfterThenSucceeds()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).InScenario("quota").WillSetStateTo("recovered")
            .RespondWith(FakeGoogle.GoogleError(429, "Quota exceeded for quota metric 'Read requests'").WithHeader("Retry-After", "1"));

        var table = await Reader().ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
        var times = _google.Server.LogEntries.Where(e => e.RequestMessage.Path.Contains("/values/", StringComparison.Ordinal))
            .Select(e => e.RequestMessage.DateTime).Order().ToList();
        Assert.Equal(2, times.Count);
        // The retry waited for Retry-After (1 s), not the 5 ms base delay the test configured.
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"retried after {(times[1] - times[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task RetriesA500AndThenReportsIt()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.GoogleError(500, "Internal error encountered."));

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Contains("500", error.Message);
        Assert.Contains("last good data is kept", error.Message);
        Assert.Equal(4, _google.ValuesRequestCount);
    }

    [Fact]
    public async Task A404SaysToCheckTheSheetId()
    {
        var settings = _google.Settings();
        settings["Survey:SheetId"] = "1NoSuchSheet";
        var reader = IngestionServices.Build(redis: null, settings).GetRequiredService<GoogleSheetReader>();

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => reader.ReadAsync(CancellationToken.None));

        Assert.Contains("Survey:SheetId", error.Message);
        Assert.Contains("1NoSuchSheet", error.Message);
    }

    [Fact]
    public async Task ARefusedKeyIsReportedWithoutTheKey()
    {
        _google.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/token").UsingPost()).AtPriority(-1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"""));

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Contains("invalid_grant", error.Message);
        Assert.DoesNotContain("PRIVATE KEY", error.ToString());
    }

    [Fact]
    public async Task AcceptsBase64OfTheKeyJson()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(_google.ServiceAccountJson));

        var table = await Reader(base64).ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public async Task AcceptsWrappedUrlSafeBase64WithoutPadding()
    {
        var urlSafe = Convert.ToBase64String(Encoding.UTF8.GetBytes(_google.ServiceAccountJson + "  ")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var wrapped = string.Join('\n', urlSafe.Chunk(76).Select(c => new string(c)));

        var table = await Reader(wrapped).ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public async Task AcceptsThePathOfTheKeyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"key-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, _google.ServiceAccountJson);
        try
        {
            var table = await Reader(path).ReadAsync(CancellationToken.None);

            Assert.Equal(3, table.Rows.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FakeTab Renamed(FakeTab tab, string title)
    {
        var renamed = new FakeTab(title);
        renamed.Rows.AddRange(tab.Rows);
        return renamed;
    }

    public void Dispose() => _google.Dispose();
}
