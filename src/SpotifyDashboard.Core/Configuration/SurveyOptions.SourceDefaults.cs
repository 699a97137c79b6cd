using System.Globalization;

namespace SpotifyDashboard.Core.Configuration;

public sealed partial class SurveyOptions
{
    /// <summary>
    /// These settings with what the source says about itself filled in where the teacher set nothing: its time zone for
    /// <c>Survey:TimeZone</c>, its locale for <c>Survey:Culture</c>. A setting that is set wins (an override).
    /// </summary>
    public SurveyOptions WithSourceDefaults(string? timeZone, string? locale)
    {
        var copy = (SurveyOptions)MemberwiseClone();
        if (string.IsNullOrWhiteSpace(TimeZone) && !string.IsNullOrWhiteSpace(timeZone))
        {
            copy.TimeZone = timeZone;
        }

        if (string.IsNullOrWhiteSpace(Culture) && CultureNameOf(locale) is { } culture)
        {
            copy.Culture = culture;
        }

        return copy;
    }

    /// <summary>The .NET culture name of a Google locale (<c>en_GB</c> → <c>en-GB</c>); null when there is none or it is not known here.</summary>
    public static string? CultureNameOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var name = locale.Trim().Replace('_', '-');
        return CultureInfo.GetCultures(CultureTypes.AllCultures).FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Name;
    }
}
