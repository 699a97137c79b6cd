using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace SpotifyDashboard.TestSupport.GoogleSheets;

/// <summary>
/// Google on loopback, as strict as the real one for what the app uses: a service-account key generated for the run
/// (its <c>token_uri</c> is this fake) whose signed JWT assertion buys a fresh access token each time; and the Sheets
/// API v4 over one <see cref="FakeSpreadsheet"/>: <c>spreadsheets.get</c> (honouring <c>fields</c>), <c>values.get</c>
/// and <c>values:batchGet</c> (honouring <c>valueRenderOption</c> and <c>dateTimeRenderOption</c>, quoted A1 ranges).
/// A token answered 401 once stays refused. 403 comes with Google's two bodies: not shared, and the API not enabled.
/// Mappings a test adds itself (at the default priority) win over these.
/// </summary>
public sealed class GoogleSheetsApiFake : IDisposable
{
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/spreadsheets.readonly";

    private const int FallbackPriority = 100;

    private const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";

    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly ConcurrentQueue<string> _assertions = new();
    private readonly RSA _key = RSA.Create(2048);
    private int _reads;
    private int _tokensToRefuse;

    public GoogleSheetsApiFake(FakeSpreadsheet sheet, string sheetId, string clientEmail, string projectNumber = "318273645501")
    {
        Sheet = sheet;
        SheetId = sheetId;
        ClientEmail = clientEmail;
        ProjectNumber = projectNumber;
        Server = WireMockServer.Start();
        PrivateKeyPem = _key.ExportPkcs8PrivateKeyPem();
        PrivateKeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        ServiceAccountJson = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "class-survey-" + projectNumber[..4],
            ["private_key_id"] = PrivateKeyId,
            ["private_key"] = PrivateKeyPem,
            ["client_email"] = clientEmail,
            ["client_id"] = "1098" + projectNumber,
            ["token_uri"] = $"{Server.Url}/token",
        });

        Server.Given(Request.Create().WithPath("/token").UsingPost()).AtPriority(FallbackPriority)
            .RespondWith(Response.Create().WithCallback(TokenAnswer));
        Server.Given(Request.Create().WithPath(new WildcardMatcher($"/v4/spreadsheets/*")).UsingGet()).AtPriority(FallbackPriority)
            .RespondWith(Response.Create().WithCallback(SheetsAnswer));
    }

    public WireMockServer Server { get; }

    public string BaseUrl => Server.Url!;

    public FakeSpreadsheet Sheet { get; }

    public string SheetId { get; }

    public string ClientEmail { get; }

    public string ProjectNumber { get; }

    public string PrivateKeyPem { get; }

    public string PrivateKeyId { get; }

    public string ServiceAccountJson { get; }

    public string ServiceAccountBase64 => Convert.ToBase64String(Encoding.UTF8.GetBytes(ServiceAccountJson));

    /// <summary>Who may read the sheet: shared with the service account, not shared, or the API off in its project.</summary>
    public SheetAccess Access { get; set; } = SheetAccess.Shared;

    /// <summary>Every access token handed out, refused ones too.</summary>
    public IReadOnlyCollection<string> AccessTokens => [.. _tokens.Keys];

    public IReadOnlyCollection<string> RefusedTokens => [.. _tokens.Where(t => !t.Value).Select(t => t.Key)];

    /// <summary>The signed JWTs the app sent for a token: whoever holds one gets a token until it expires.</summary>
    public IReadOnlyCollection<string> Assertions => [.. _assertions];

    /// <summary>Sheets calls answered with data (a valid, unrefused token).</summary>
    public int AuthorizedReads => Volatile.Read(ref _reads);

    /// <summary>The next <paramref name="count"/> tokens presented are refused with 401, and stay refused (as Google does with a revoked token).</summary>
    public void RefuseNextTokens(int count = 1) => Interlocked.Exchange(ref _tokensToRefuse, count);

    public int SheetsCalls(string pathPart) =>
        Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/v4/", StringComparison.Ordinal) && e.RequestMessage.Path.Contains(pathPart, StringComparison.Ordinal));

    private ResponseMessage TokenAnswer(IRequestMessage request)
    {
        var form = HttpUtility.ParseQueryString(request.Body ?? "");
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form["assertion"] is not { Length: > 0 } assertion)
        {
            return Json(400, new { error = "unsupported_grant_type", error_description = "Invalid grant_type." });
        }

        if (!IsSignedByTheKey(assertion, out var claims))
        {
            return Json(400, new { error = "invalid_grant", error_description = "Invalid JWT Signature." });
        }

        if (claims["iss"]?.GetValue<string>() != ClientEmail)
        {
            return Json(400, new { error = "invalid_grant", error_description = "Invalid grant: account not found" });
        }

        // Google's client libraries address the assertion to Google's token endpoint whatever the key's token_uri.
        var audience = claims["aud"]?.GetValue<string>();
        if (audience != GoogleTokenAudience && audience != $"{Server.Url}/token")
        {
            return Json(400, new { error = "invalid_grant", error_description = $"Invalid JWT: Failed audience check. The right audience is {GoogleTokenAudience}" });
        }

        if (claims["scope"]?.GetValue<string>()?.Split(' ').Contains(ReadOnlyScope) != true)
        {
            return Json(400, new { error = "invalid_scope", error_description = "Invalid OAuth scope or ID token audience provided." });
        }

        _assertions.Enqueue(assertion);
        var token = "ya29.c." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = true;
        return Json(200, new { access_token = token, expires_in = 3599, token_type = "Bearer" });
    }

    private bool IsSignedByTheKey(string jwt, out JsonObject claims)
    {
        claims = [];
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var signed = _key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            claims = JsonNode.Parse(Base64Url(parts[1])) as JsonObject ?? [];
            return signed;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private ResponseMessage SheetsAnswer(IRequestMessage request)
    {
        var authorization = request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() : null;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Error(401, "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.", "UNAUTHENTICATED");
        }

        var token = authorization["Bearer ".Length..];
        if (_tokens.TryGetValue(token, out var good) && good && Interlocked.Decrement(ref _tokensToRefuse) >= 0)
        {
            _tokens[token] = false;
            good = false;
        }

        if (!good)
        {
            return Error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.", "UNAUTHENTICATED");
        }

        if (Access == SheetAccess.ApiDisabled)
        {
            return ServiceDisabled();
        }

        // /v4/spreadsheets/{id}, /v4/spreadsheets/{id}/values/{range}, /v4/spreadsheets/{id}/values:batchGet
        var path = request.AbsolutePath["/v4/spreadsheets/".Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(slash < 0 ? path : path[..slash]);
        var rest = slash < 0 ? "" : path[(slash + 1)..];
        if (id.EndsWith(":batchGet", StringComparison.Ordinal) || id != SheetId)
        {
            return Error(404, "Requested entity was not found.", "NOT_FOUND");
        }

        if (Access == SheetAccess.NotShared)
        {
            return Error(403, "The caller does not have permission", "PERMISSION_DENIED");
        }

        var query = request.Query ?? new Dictionary<string, WireMockList<string>>();
        ResponseMessage answer;
        if (rest.Length == 0)
        {
            answer = SpreadsheetAnswer(query);
        }
        else if (rest == "values:batchGet")
        {
            answer = BatchGetAnswer(query);
        }
        else if (rest.StartsWith("values/", StringComparison.Ordinal))
        {
            answer = ValuesAnswer(Uri.UnescapeDataString(rest["values/".Length..]), query);
        }
        else
        {
            answer = Error(404, "Requested entity was not found.", "NOT_FOUND");
        }

        if (answer.StatusCode is 200)
        {
            Interlocked.Increment(ref _reads);
        }

        return answer;
    }

    private ResponseMessage SpreadsheetAnswer(IDictionary<string, WireMockList<string>> query)
    {
        var full = new JsonObject
        {
            ["spreadsheetId"] = SheetId,
            ["properties"] = new JsonObject
            {
                ["title"] = Sheet.Title,
                ["locale"] = Sheet.Locale,
                ["autoRecalc"] = "ON_CHANGE",
                ["timeZone"] = Sheet.TimeZone,
            },
            ["sheets"] = new JsonArray([.. Sheet.Tabs.Select((t, i) => (JsonNode)new JsonObject
            {
                ["properties"] = new JsonObject { ["sheetId"] = 1000 + i, ["title"] = t.Title, ["index"] = i, ["sheetType"] = t.SheetType },
            })]),
            ["spreadsheetUrl"] = $"https://docs.google.com/spreadsheets/d/{SheetId}/edit",
        };
        if (!query.TryGetValue("fields", out var fields))
        {
            return Json(200, full);
        }

        var mask = FieldMask.Parse(fields.Single());
        return mask is null ? Error(400, $"Invalid field selection {fields.Single()}", "INVALID_ARGUMENT") : Json(200, mask.Apply(full)!);
    }

    private ResponseMessage ValuesAnswer(string range, IDictionary<string, WireMockList<string>> query)
    {
        if (!RenderOptions(query, out var formatted, out var serial, out var problem))
        {
            return Error(400, problem!, "INVALID_ARGUMENT");
        }

        if (A1Range.Parse(range, Sheet, out var rangeProblem) is not { } parsed)
        {
            return Error(400, rangeProblem!, "INVALID_ARGUMENT");
        }

        return Json(200, ValueRange(parsed, formatted, serial));
    }

    private ResponseMessage BatchGetAnswer(IDictionary<string, WireMockList<string>> query)
    {
        if (!RenderOptions(query, out var formatted, out var serial, out var problem))
        {
            return Error(400, problem!, "INVALID_ARGUMENT");
        }

        var ranges = query.TryGetValue("ranges", out var asked) ? asked.ToList() : [];
        var answers = new List<object>();
        foreach (var range in ranges)
        {
            if (A1Range.Parse(range, Sheet, out var rangeProblem) is not { } parsed)
            {
                return Error(400, rangeProblem!, "INVALID_ARGUMENT");
            }

            answers.Add(ValueRange(parsed, formatted, serial));
        }

        return Json(200, new { spreadsheetId = SheetId, valueRanges = answers });
    }

    private object ValueRange(A1Range range, bool formatted, bool serial)
    {
        var values = range.Values(Sheet, formatted, serial);
        // An empty range has no "values" at all.
        return values.Count == 0
            ? new Dictionary<string, object> { ["range"] = range.Describe(), ["majorDimension"] = "ROWS" }
            : new Dictionary<string, object> { ["range"] = range.Describe(), ["majorDimension"] = "ROWS", ["values"] = values };
    }

    /// <summary>FORMATTED_VALUE (the default) renders everything as the sheet shows it; otherwise dates follow dateTimeRenderOption (SERIAL_NUMBER by default).</summary>
    private static bool RenderOptions(IDictionary<string, WireMockList<string>> query, out bool formatted, out bool serial, out string? problem)
    {
        var value = query.TryGetValue("valueRenderOption", out var v) ? v.Single() : "FORMATTED_VALUE";
        var dates = query.TryGetValue("dateTimeRenderOption", out var d) ? d.Single() : "SERIAL_NUMBER";
        var major = query.TryGetValue("majorDimension", out var m) ? m.Single() : "ROWS";
        formatted = value == "FORMATTED_VALUE";
        serial = dates == "SERIAL_NUMBER";
        problem = value is not ("FORMATTED_VALUE" or "UNFORMATTED_VALUE" or "FORMULA")
            ? $"Invalid value at 'value_render_option' (type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), \"{value}\""
            : dates is not ("SERIAL_NUMBER" or "FORMATTED_STRING")
                ? $"Invalid value at 'date_time_render_option' (type.googleapis.com/google.apps.sheets.v4.DateTimeRenderOption), \"{dates}\""
                : major != "ROWS" ? $"The fake answers majorDimension=ROWS only, not {major}" : null;
        return problem is null;
    }

    private ResponseMessage ServiceDisabled()
    {
        var link = $"https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project={ProjectNumber}";
        var message = $"Google Sheets API has not been used in project {ProjectNumber} before or it is disabled. Enable it by visiting {link} then retry. " +
            "If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.";
        return Json(403, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = 403,
                ["message"] = message,
                ["status"] = "PERMISSION_DENIED",
                ["details"] = new JsonArray(
                    new JsonObject
                    {
                        ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                        ["reason"] = "SERVICE_DISABLED",
                        ["domain"] = "googleapis.com",
                        ["metadata"] = new JsonObject
                        {
                            ["consumer"] = $"projects/{ProjectNumber}",
                            ["service"] = "sheets.googleapis.com",
                            ["serviceTitle"] = "Google Sheets API",
                            ["containerInfo"] = ProjectNumber,
                            ["activationUrl"] = link,
                        },
                    },
                    new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.LocalizedMessage", ["locale"] = "en-US", ["message"] = message },
                    new JsonObject
                    {
                        ["@type"] = "type.googleapis.com/google.rpc.Help",
                        ["links"] = new JsonArray(new JsonObject { ["description"] = "Google developers console API activation", ["url"] = link }),
                    }),
            },
        });
    }

    public static ResponseMessage Error(int status, string message, string code) =>
        Json(status, new { error = new { code = status, message, status = code } });

    public static ResponseMessage Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=UTF-8") },
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(body) },
    };

    public void Dispose()
    {
        Server.Stop();
        _key.Dispose();
    }
}

public enum SheetAccess
{
    Shared,
    NotShared,
    ApiDisabled,
}
