using System.Security.Cryptography;
using System.Text.Json;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>
/// A fake Google on loopback: the OAuth token endpoint and the Sheets values API, with a
/// service-account key generated for the test whose token_uri points here.
/// </summary>
public sealed class FakeGoogle : IDisposable
{
    public const string SheetId = "1FormResponsesSheetId";
    public const string ClientEmail = "survey-reader@test-project.iam.gserviceaccount.com";
    public const string AccessToken = "ya29.test-access-token";

    public FakeGoogle()
    {
        Server = WireMockServer.Start();
        using var rsa = RSA.Create(2048);
        ServiceAccountJson = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "test-project",
            ["private_key_id"] = "test-key-1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["client_id"] = "1234567890",
            ["token_uri"] = $"{Server.Url}/token",
        });

        Server.Given(Request.Create().WithPath("/token").UsingPost())
            .RespondWith(Response.Create()
                .WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"access_token":"{{AccessToken}}","expires_in":3600,"token_type":"Bearer"}"""));
    }

    public WireMockServer Server { get; }

    public string ServiceAccountJson { get; }

    public string BaseUrl => Server.Url!;

    public static IRequestBuilder ValuesRequest() =>
        Request.Create()
            .WithPath(new WildcardMatcher($"/v4/spreadsheets/{SheetId}/values/*"))
            .WithHeader("Authorization", $"Bearer {AccessToken}")
            .UsingGet();

    public static IResponseBuilder Json(object valueRange) =>
        Response.Create().WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(valueRange));

    public static IResponseBuilder GoogleError(int status, string message) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithBody(JsonSerializer.Serialize(new { error = new { code = status, message, status = "ERROR" } }));

    public IDictionary<string, string?> Settings(string? serviceAccount = null) => new Dictionary<string, string?>
    {
        ["Survey:Source"] = "GoogleSheet",
        ["Survey:SheetId"] = SheetId,
        ["Survey:ServiceAccount"] = serviceAccount ?? ServiceAccountJson,
        ["Survey:SheetsBaseUrl"] = BaseUrl,
    };

    public int ValuesRequestCount => Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/v4/", StringComparison.Ordinal));

    public void Dispose() => Server.Stop();
}
