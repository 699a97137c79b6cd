using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Google on loopback for a whole-app test: a service-account key generated for the run (a fresh RSA key) whose
/// <c>token_uri</c> is this fake's token endpoint, which hands out an access token for a signed JWT assertion; and the
/// Sheets <c>values.get</c> of one sheet, which refuses any other token with 401 and also refuses the first read with
/// 401 (as Google does for a token it stopped accepting), then answers the rows it was given.
/// </summary>
public sealed class GoogleSheetsFake : IDisposable
{
    public const string SheetId = "1LogsTestSheetIdQx4";
    public const string ClientEmail = "survey-reader@logs-test.iam.gserviceaccount.com";

    private readonly ConcurrentQueue<string> _assertions = new();
    private int _reads;

    public GoogleSheetsFake(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Server = WireMockServer.Start();
        using var rsa = RSA.Create(2048);
        PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem();
        PrivateKeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        AccessToken = "ya29." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "logs-test",
            ["private_key_id"] = PrivateKeyId,
            ["private_key"] = PrivateKeyPem,
            ["client_email"] = ClientEmail,
            ["client_id"] = "109876543210",
            ["token_uri"] = $"{Server.Url}/token",
        });
        ServiceAccountBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

        Server.Given(Request.Create().WithPath("/token").UsingPost())
            .RespondWith(Response.Create().WithCallback(TokenAnswer));
        Server.Given(Request.Create().WithPath(new WildcardMatcher($"/v4/spreadsheets/{SheetId}/values/*")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => ValuesAnswer(request, rows)));
    }

    public WireMockServer Server { get; }

    public string BaseUrl => Server.Url!;

    public string PrivateKeyPem { get; }

    public string PrivateKeyId { get; }

    /// <summary>What the AppHost gets as the google-service-account parameter: base64 of the key's JSON (one line).</summary>
    public string ServiceAccountBase64 { get; }

    public string AccessToken { get; }

    /// <summary>The signed JWTs the app sent for a token: whoever holds one gets a token until it expires.</summary>
    public IReadOnlyCollection<string> Assertions => [.. _assertions];

    /// <summary>How many reads of the sheet came with the right token (the first was answered 401).</summary>
    public int AuthorizedReads => Volatile.Read(ref _reads);

    private ResponseMessage TokenAnswer(IRequestMessage request)
    {
        var form = HttpUtility.ParseQueryString(request.Body ?? "");
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form["assertion"] is not { Length: > 0 } assertion)
        {
            return Json(400, new { error = "invalid_grant" });
        }

        _assertions.Enqueue(assertion);
        return Json(200, new { access_token = AccessToken, expires_in = 3600, token_type = "Bearer" });
    }

    private ResponseMessage ValuesAnswer(IRequestMessage request, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var authorization = request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() : null;
        if (authorization != $"Bearer {AccessToken}" || Interlocked.Increment(ref _reads) == 1)
        {
            return Json(401, new { error = new { code = 401, message = "Request had invalid authentication credentials.", status = "UNAUTHENTICATED" } });
        }

        return Json(200, new { range = "'Form Responses 1'!A1:J100", majorDimension = "ROWS", values = rows });
    }

    private static ResponseMessage Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = JsonSerializer.Serialize(body) },
    };

    public void Dispose() => Server.Stop();
}
