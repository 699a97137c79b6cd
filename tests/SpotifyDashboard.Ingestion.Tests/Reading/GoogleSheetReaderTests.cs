using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;

namespace SpotifyDashboard.Ingestion.Tests.Reading;

/// <summary>The Sheets reader against a fake Google on loopback; no Redis needed.</summary>
public sealed class GoogleSheetReaderTests : IDisposable
{
    private static readonly object RaggedValueRange = new
    {
        range = "'Form Responses 1'!A1:Z1000",
        majorDimension = "ROWS",
        values = new object[][]
        {
            ["Timestamp", "Your name", "What's your favourite song?", "Who is the artist?", "How many hours a day do you listen to music?"],
            [46000.572916666664, "Ana", "Despacito", "Luis Fonsi", 2.5],
            [46000.6, "Ben", "Zombie", "The Cranberries"],
            [46001, "Chloé", "Yellow"],
        },
    };

    private readonly FakeGoogle _google = new();

    private ISurveyTableReader Reader(string? serviceAccount = null)
    {
        var provider = IngestionServices.Build(redis: null, _google.Settings(serviceAccount));
        return provider.GetRequiredService<GoogleSheetReader>();
    }

    [Fact]
    public async Task ReadsUnformattedValuesPadsRaggedRowsAndKeepsSerialTimestamps()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.Json(RaggedValueRange));

        var table = await Reader().ReadAsync(CancellationToken.None);

        Assert.Equal(5, table.Headers.Count);
        Assert.Equal([2, 3, 4], table.Rows.Select(r => r.Number));
        Assert.All(table.Rows, r => Assert.Equal(5, r.Cells.Count));
        Assert.Equal(["46000.572916666664", "Ana", "Despacito", "Luis Fonsi", "2.5"], table.Rows[0].Cells);
        Assert.Equal(["46001", "Chloé", "Yellow", "", ""], table.Rows[2].Cells);

        var request = _google.Server.LogEntries.Single(e => e.RequestMessage.Path.StartsWith("/v4/", StringComparison.Ordinal)).RequestMessage;
        Assert.Equal($"/v4/spreadsheets/{FakeGoogle.SheetId}/values/Form Responses 1", request.AbsolutePath);
        Assert.Equal("UNFORMATTED_VALUE", request.Query!["valueRenderOption"].Single());
        Assert.Equal("SERIAL_NUMBER", request.Query["dateTimeRenderOption"].Single());
    }

    [Fact]
    public async Task GetsItsTokenFromTheKeysTokenUriWithTheReadOnlyScope()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.Json(RaggedValueRange));

        await Reader().ReadAsync(CancellationToken.None);

        var body = _google.Server.LogEntries.Single(e => e.RequestMessage.Path == "/token").RequestMessage.Body!;
        var form = body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        var payload = form["assertion"].Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')));
        Assert.Equal(FakeGoogle.ClientEmail, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("https://www.googleapis.com/auth/spreadsheets.readonly", claims.RootElement.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task AcceptsTheKeyAsAFilePath()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.Json(RaggedValueRange));
        var path = Path.Combine(Path.GetTempPath(), $"sa-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, _google.ServiceAccountJson, Encoding.UTF8);
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

    [Fact]
    public async Task BacksOffOn429HonouringRetryAfterThenSucceeds()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).InScenario("quota").WillSetStateTo("recovered")
            .RespondWith(FakeGoogle.GoogleError(429, "Quota exceeded for quota metric 'Read requests'").WithHeader("Retry-After", "1"));
        _google.Server.Given(FakeGoogle.ValuesRequest()).InScenario("quota").WhenStateIs("recovered")
            .RespondWith(FakeGoogle.Json(RaggedValueRange));

        var table = await Reader().ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
        var times = _google.Server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/v4/", StringComparison.Ordinal))
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
    public async Task A403SaysToShareTheSheetWithTheServiceAccount()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.GoogleError(403, "The caller does not have permission"));

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Contains($"not shared with the service account {FakeGoogle.ClientEmail}", error.Message);
        Assert.Equal("The sheet is not shared with the service account.", error.PublicMessage);
        Assert.Contains("Share", error.Message);
        Assert.Equal(1, _google.ValuesRequestCount);
    }

    [Fact]
    public async Task A404SaysToCheckTheSheetId()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.GoogleError(404, "Requested entity was not found."));

        var error = await Assert.ThrowsAsync<SurveySourceException>(() => Reader().ReadAsync(CancellationToken.None));

        Assert.Contains("Survey:SheetId", error.Message);
        Assert.Contains(FakeGoogle.SheetId, error.Message);
    }

    [Fact]
    public async Task ARefusedTokenIsReportedWithoutTheKey()
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
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.Json(RaggedValueRange));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(_google.ServiceAccountJson));

        var table = await Reader(base64).ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public async Task AcceptsWrappedUrlSafeBase64WithoutPadding()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.Json(RaggedValueRange));
        var urlSafe = Convert.ToBase64String(Encoding.UTF8.GetBytes(_google.ServiceAccountJson + "  ")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var wrapped = string.Join('\n', urlSafe.Chunk(76).Select(c => new string(c)));

        var table = await Reader(wrapped).ReadAsync(CancellationToken.None);

        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public async Task AcceptsThePathOfTheKeyFile()
    {
        _google.Server.Given(FakeGoogle.ValuesRequest()).RespondWith(FakeGoogle.Json(RaggedValueRange));
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

    public void Dispose() => _google.Dispose();
}
