using System.Net;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// What the teacher is told for each answer of the Sheets API that is not the data: in public a short hint naming the
/// setting or the step to take; in the detail the sheet id, the service account, the project, the link, and Google's words.
/// </summary>
public static class GoogleSheetFailures
{
    public const string NotShared = "The sheet is not shared with the service account.";

    public const string ApiNotEnabled = "The Google Sheets API is not enabled in the service account's Google Cloud project.";

    public static SurveySourceException For(HttpStatusCode status, GoogleApiError error, string sheetId, string clientEmail, string? range) => status switch
    {
        HttpStatusCode.Forbidden when error.IsServiceDisabled => new(
            ApiNotEnabled,
            $"The Google Sheets API is not enabled in the Google Cloud project {error.Project ?? "of the service account"} (service account {clientEmail}): " +
            $"open {error.EnableLink ?? "the Google Cloud console, APIs & Services, Library, Google Sheets API"}, press Enable, wait a few minutes and read again. " +
            $"(Google said: {error.Message})"),
        HttpStatusCode.Forbidden => new(
            NotShared,
            $"The Google Sheet {sheetId} is not shared with the service account {clientEmail}: open the sheet, press Share and add {clientEmail} as Viewer. (Google said: {error.Message})"),
        HttpStatusCode.NotFound => new(
            "The sheet was not found: check Survey:SheetId.",
            $"No Google Sheet with id '{sheetId}' was found: check Survey:SheetId (the part of the sheet's URL after /d/). (Google said: {error.Message})"),
        HttpStatusCode.BadRequest => new(
            "Google Sheets rejected the range: check Survey:Range.",
            $"Google Sheets rejected the range {range ?? "(none)"} of the sheet {sheetId}: check Survey:Range names a tab of the sheet (or leave it empty to find the responses tab). (Google said: {error.Message})"),
        HttpStatusCode.Unauthorized => new(
            "Google Sheets refused the service account's access token, also a fresh one: check the google-service-account key.",
            $"Google Sheets refused the access token of the service account {clientEmail}, and then a freshly issued one too: check that the key in the " +
            $"google-service-account parameter is current and that the service account is not disabled or deleted. (Google said: {error.Message})"),
        HttpStatusCode.TooManyRequests => new(
            "The Google Sheets quota is exceeded: raise Survey:PollInterval.",
            $"Google Sheets quota exceeded (429) even after retries: raise Survey:PollInterval (the quota is 60 reads a minute). (Google said: {error.Message})"),
        _ => new(
            SurveySourceException.DidNotAnswer,
            $"Google Sheets answered {(int)status} for the sheet {sheetId} even after retries; the last good data is kept. (Google said: {error.Message})"),
    };
}
