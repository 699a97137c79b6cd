using System.Globalization;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Ingestion.Mapping;

namespace SpotifyDashboard.Ingestion.Options;

/// <summary>
/// Values that are set but cannot work (a typo'd culture, a relative URL, an unknown field under
/// Survey:Columns) stop the service at start with a message naming the setting. Values that are
/// merely missing are not checked here: see <see cref="SurveyIngestionOptions.MissingSettingsFor"/>.
/// </summary>
public sealed class SurveyIngestionOptionsValidator : IValidateOptions<SurveyIngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyIngestionOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.SheetsBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Survey:SheetsBaseUrl must be an absolute URL; got '{options.SheetsBaseUrl}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.CsvUrl) && !Uri.TryCreate(options.CsvUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Survey:CsvUrl must be an absolute URL; got '{options.CsvUrl}'.");
        }

        // ICU accepts any well-formed name ("en-UK" too), so check against the cultures it really knows.
        if (!string.IsNullOrWhiteSpace(options.Culture)
            && !CultureInfo.GetCultures(CultureTypes.AllCultures).Any(c => string.Equals(c.Name, options.Culture, StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add($"Survey:Culture '{options.Culture}' is not a known culture name (e.g. en-US, en-GB, de-DE).");
        }

        try
        {
            options.GetTimeZone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            failures.Add($"Survey:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. UTC, Europe/Madrid).");
        }

        foreach (var key in options.Columns.Keys.Where(k => !Enum.GetNames<SurveyField>().Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            failures.Add($"Survey:Columns:{key} is not a survey field; use one of {string.Join(", ", Enum.GetNames<SurveyField>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
