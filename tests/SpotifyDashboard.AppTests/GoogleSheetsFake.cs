using SpotifyDashboard.TestSupport.GoogleSheets;
using WireMock.Server;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Google on loopback for a whole-app test (<see cref="GoogleSheetsApiFake"/>): a service-account key generated for the
/// run whose <c>token_uri</c> is this fake, a fresh access token for each signed assertion, and the Sheets API over a
/// German teacher's sheet (zone Europe/Berlin, locale de_DE; a tab that is not the responses first, then the Form's tab
/// "Formularantworten 1"). The first token the app presents is refused with 401 and stays refused, as Google does with a
/// token it stopped accepting, so the app must fetch a new one.
/// </summary>
public sealed class GoogleSheetsFake : IDisposable
{
    public const string SheetId = "1LogsTestSheetIdQx4";
    public const string ClientEmail = "survey-reader@logs-test.iam.gserviceaccount.com";
    public const string ResponsesTab = "Formularantworten 1";

    /// <param name="headers">The Form's questions.</param>
    /// <param name="answers">The answers: a date-time cell is the wall clock in Berlin, as the sheet holds it.</param>
    public GoogleSheetsFake(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> answers)
    {
        var sheet = new FakeSpreadsheet();
        sheet.AddTab("Auswertung", ["Hinweis", "Stand"], ["Diagramme der Antworten", new DateTime(2026, 11, 19, 18, 0, 0)]);
        sheet.AddTab(ResponsesTab, [headers, .. answers]);
        Api = new GoogleSheetsApiFake(sheet, SheetId, ClientEmail);
        Api.RefuseNextTokens(1);
    }

    public GoogleSheetsApiFake Api { get; }

    public FakeSpreadsheet Sheet => Api.Sheet;

    public WireMockServer Server => Api.Server;

    public string BaseUrl => Api.BaseUrl;

    public string PrivateKeyPem => Api.PrivateKeyPem;

    public string PrivateKeyId => Api.PrivateKeyId;

    /// <summary>What the AppHost gets as the google-service-account parameter: base64 of the key's JSON (one line).</summary>
    public string ServiceAccountBase64 => Api.ServiceAccountBase64;

    /// <summary>Every access token handed out, the refused one too.</summary>
    public IReadOnlyCollection<string> AccessTokens => Api.AccessTokens;

    public IReadOnlyCollection<string> RefusedTokens => Api.RefusedTokens;

    /// <summary>The signed JWTs the app sent for a token: whoever holds one gets a token until it expires.</summary>
    public IReadOnlyCollection<string> Assertions => Api.Assertions;

    /// <summary>Sheets calls answered with data (with a token that was not refused).</summary>
    public int AuthorizedReads => Api.AuthorizedReads;

    public void Dispose() => Api.Dispose();
}
