using System.ComponentModel.DataAnnotations;
using System.Globalization;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Core.Configuration;

/// <summary>
/// The <c>Survey</c> section: which source feeds the app and how it is read (the worker and the api), and the form's
/// link for the join panel (the web).
/// </summary>
public sealed partial class SurveyOptions : IValidatableObject
{
    public const string SectionName = "Survey";

    /// <summary>Demo (default), GoogleSheet or Csv.</summary>
    public SurveySourceKind Source { get; set; } = SurveySourceKind.Demo;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Google Form's link, shown with a QR code in the join panel; the panel is hidden without it.</summary>
    public string? FormUrl { get; set; }

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
    /// tried before the built-in ones. Keys are the names of <see cref="SurveyField"/>.
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

    /// <summary>
    /// Values that are set but cannot work (a typo'd culture, a relative URL, an unknown field under
    /// Survey:Columns) stop the service at start with a message naming the setting. Values that are
    /// merely missing are not checked here: see <see cref="MissingSettingsFor"/>.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(SheetsBaseUrl, UriKind.Absolute, out _))
        {
            yield return new($"Survey:SheetsBaseUrl must be an absolute URL; got '{SheetsBaseUrl}'.", [nameof(SheetsBaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(CsvUrl) && !Uri.TryCreate(CsvUrl, UriKind.Absolute, out _))
        {
            yield return new($"Survey:CsvUrl must be an absolute URL; got '{CsvUrl}'.", [nameof(CsvUrl)]);
        }

        // ICU accepts any well-formed name ("en-UK" too), so check against the cultures it really knows.
        if (!string.IsNullOrWhiteSpace(Culture)
            && !CultureInfo.GetCultures(CultureTypes.AllCultures).Any(c => string.Equals(c.Name, Culture, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new($"Survey:Culture '{Culture}' is not a known culture name (e.g. en-US, en-GB, de-DE).", [nameof(Culture)]);
        }

        if (!IsKnownTimeZone(TimeZone))
        {
            yield return new($"Survey:TimeZone '{TimeZone}' is not a known time zone id (e.g. UTC, Europe/Madrid).", [nameof(TimeZone)]);
        }

        foreach (var key in Columns.Keys.Where(k => !Enum.GetNames<SurveyField>().Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            yield return new($"Survey:Columns:{key} is not a survey field; use one of {string.Join(", ", Enum.GetNames<SurveyField>())}.", [nameof(Columns)]);
        }
    }

    private static bool IsKnownTimeZone(string? id) =>
        string.IsNullOrWhiteSpace(id) || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
