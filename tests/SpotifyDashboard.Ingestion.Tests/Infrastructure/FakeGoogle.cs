using SpotifyDashboard.TestSupport.GoogleSheets;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>
/// A fake Google on loopback (<see cref="GoogleSheetsApiFake"/>) over a German teacher's sheet: zone Europe/Berlin,
/// locale de_DE, a notes tab first that is not the responses, then the Form's tab "Formularantworten 1".
/// </summary>
public sealed class FakeGoogle : IDisposable
{
    public const string SheetId = "1FormResponsesSheetId";
    public const string ClientEmail = "survey-reader@test-project.iam.gserviceaccount.com";
    public const string ResponsesTab = "Formularantworten 1";
    public const string NotesTab = "Notizen";

    public static readonly string[] Headers =
        ["Zeitstempel", "Your name", "What's your favourite song?", "Who is the artist?", "How many hours a day do you listen to music?"];

    /// <summary>Wall-clock times in Berlin: winter (UTC+1), the day before the switch to summer time (UTC+1), the day of it (UTC+2).</summary>
    public static readonly DateTime[] Submitted =
        [new(2025, 12, 9, 13, 45, 0), new(2026, 3, 28, 10, 0, 0), new(2026, 3, 29, 10, 0, 0)];

    public FakeGoogle(FakeSpreadsheet? sheet = null)
    {
        Api = new GoogleSheetsApiFake(sheet ?? GermanClass(), SheetId, ClientEmail);
    }

    public GoogleSheetsApiFake Api { get; }

    public FakeSpreadsheet Sheet => Api.Sheet;

    public WireMockServer Server => Api.Server;

    public string ServiceAccountJson => Api.ServiceAccountJson;

    public string BaseUrl => Api.BaseUrl;

    /// <summary>Three answers, the last without an artist and hours (Sheets leaves trailing empty cells out).</summary>
    public static FakeSpreadsheet GermanClass()
    {
        var sheet = new FakeSpreadsheet();
        sheet.AddTab(NotesTab, ["Aufgabe", "Fällig am"], ["Umfrage auswerten", new DateTime(2026, 4, 1)]);
        sheet.AddTab(
            ResponsesTab,
            Headers,
            [Submitted[0], "Ana", "Despacito", "Luis Fonsi", 2.5],
            [Submitted[1], "Ben", "Zombie", "The Cranberries"],
            [Submitted[2], "Chloé", "Yellow"]);
        return sheet;
    }

    /// <summary>Any call for values, whatever its token: for a test that answers with a failure of its own.</summary>
    public static IRequestBuilder ValuesRequest() =>
        Request.Create().WithPath(new WildcardMatcher($"/v4/spreadsheets/{SheetId}/values/*")).UsingGet();

    public static IResponseBuilder GoogleError(int status, string message) =>
        Response.Create().WithCallback(_ => GoogleSheetsApiFake.Error(status, message, "ERROR"));

    public IDictionary<string, string?> Settings(string? serviceAccount = null) => new Dictionary<string, string?>
    {
        ["Survey:Source"] = "GoogleSheet",
        ["Survey:SheetId"] = SheetId,
        ["Survey:ServiceAccount"] = serviceAccount ?? ServiceAccountJson,
        ["Survey:SheetsBaseUrl"] = BaseUrl,
    };

    /// <summary>Calls of <c>values.get</c> (not the spreadsheet's properties, not the header rows).</summary>
    public int ValuesRequestCount => Api.SheetsCalls("/values/");

    public void Dispose() => Api.Dispose();
}
