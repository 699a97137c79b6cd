using System.Globalization;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Ingestion.Options;

/// <summary>
/// The <c>Survey</c> section as the ingestion reads it. <c>Survey:Source</c> and <c>Survey:PollInterval</c>
/// live in Core's <c>SurveyOptions</c> (same section); this class holds where and how to read.
/// </summary>
public sealed partial class SurveyIngestionOptions
{
    public const string SectionName = "Survey";

    /// <summary>The spreadsheet id (the long part of its URL), for <c>Survey:Source=GoogleSheet</c>.</summary>
    public string? SheetId { get; set; }

    /// <summary>
    /// A tab name (quoted for the API) or an A1 range with <c>!</c> (used as it is). Not set: the first tab whose header
    /// row holds the survey's questions (the Form's tab is "Form Responses 1", "Formularantworten 1", … by its language).
    /// </summary>
    public string? Range { get; set; }

    /// <summary>The secret <c>google-service-account</c>: a path to the key file, or the key JSON itself.</summary>
    public string? ServiceAccount { get; set; }

    public string SheetsBaseUrl { get; set; } = "https://sheets.googleapis.com";

    /// <summary>A CSV export URL (e.g. a sheet shared by link), for <c>Survey:Source=Csv</c>.</summary>
    public string? CsvUrl { get; set; }

    /// <summary>A CSV file ("Download responses (.csv)"), for <c>Survey:Source=Csv</c>; used when CsvUrl is empty.</summary>
    public string? CsvPath { get; set; }

    /// <summary>
    /// Culture of text dates, e.g. "en-US" (M/d/yyyy) or "en-GB" (d/M/yyyy). Not set: the Google Sheet's locale, else en-US.
    /// </summary>
    public string? Culture { get; set; }

    /// <summary>
    /// How a date like 05/09/2025 is read when its column does not show it (no day above 12): DayFirst or
    /// MonthFirst. Unset: the order of <see cref="Culture"/> (or of the Google Sheet's locale).
    /// </summary>
    public DateOrder? DateOrder { get; set; }

    /// <summary>
    /// Time zone of timestamps that carry none, an IANA or Windows id. Not set: the Google Sheet's own zone (its serial
    /// dates count in it), else UTC.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Extra header aliases per field (<c>Survey:Columns:Song = "Canción favorita|Mi canción"</c>),
    /// tried before the built-in ones. Keys are field names: Timestamp, Name, Age, Major, Year,
    /// Hometown, Song, Artist, HoursPerDay, ListeningTime.
    /// </summary>
    public Dictionary<string, string> Columns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public CultureInfo GetCulture() =>
        string.IsNullOrWhiteSpace(Culture) ? CultureInfo.GetCultureInfo("en-US") : CultureInfo.GetCultureInfo(Culture);

    public TimeZoneInfo GetTimeZone() =>
        string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>
    /// What is missing for the chosen source, each naming its setting. Not a start-up failure:
    /// the AppHost passes empty parameters until someone sets them, and the app must still start,
    /// so the worker reports these in <c>/api/status</c> and keeps polling.
    /// </summary>
    public IReadOnlyList<string> MissingSettingsFor(SurveySourceKind kind)
    {
        var problems = new List<string>();
        if (kind == SurveySourceKind.GoogleSheet)
        {
            if (string.IsNullOrWhiteSpace(SheetId))
            {
                problems.Add("Survey:SheetId is not set: give the spreadsheet id (the part of its URL after /d/).");
            }

            if (string.IsNullOrWhiteSpace(ServiceAccount))
            {
                problems.Add("Survey:ServiceAccount (the secret parameter google-service-account) is not set: give the service-account key JSON or the path to its file.");
            }
        }
        else if (kind == SurveySourceKind.Csv && string.IsNullOrWhiteSpace(CsvUrl) && string.IsNullOrWhiteSpace(CsvPath))
        {
            problems.Add("Survey:CsvUrl or Survey:CsvPath must be set when Survey:Source is Csv.");
        }

        return problems;
    }
}
