using System.Globalization;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>Age and hours per day as students type them.</summary>
public static partial class NumberParsers
{
    public const int MinAge = 10;
    public const int MaxAge = 100;

    /// <summary>"21", "21 years", "21 yo". Empty is allowed (null); anything else must be a whole number from 10 to 100.</summary>
    public static bool TryParseAge(string text, out int? age, out string? problem)
    {
        age = null;
        problem = null;
        if (text.Length == 0)
        {
            return true;
        }

        var match = AgePattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            problem = $"age '{text}' is not a whole number";
            return false;
        }

        if (value is < MinAge or > MaxAge)
        {
            problem = $"age {value} is outside {MinAge}–{MaxAge}";
            return false;
        }

        age = value;
        return true;
    }

    /// <summary>"2", "2.5", "2,5", "2-3" (the midpoint), "2 hours", "~2h". Empty is allowed; over 24 is not.</summary>
    public static bool TryParseHours(string text, out double? hours, out string? problem)
    {
        hours = null;
        problem = null;
        if (text.Length == 0)
        {
            return true;
        }

        var match = HoursPattern().Match(text);
        if (!match.Success)
        {
            problem = $"hours per day '{text}' is not a number of hours (e.g. 2, 2.5, 2-3)";
            return false;
        }

        var low = Number(match.Groups["low"].Value);
        var high = match.Groups["high"].Success ? Number(match.Groups["high"].Value) : low;
        if (low > 24 || high > 24)
        {
            problem = $"hours per day '{text}' is more than 24";
            return false;
        }

        hours = (low + high) / 2;
        return true;
    }

    // Hours are never written with thousands separators, so a comma is always a decimal comma.
    private static double Number(string text) => double.Parse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{1,3})(?:\.0+)?\s*(?:years?(?:\s+old)?|yrs?|y\.?o\.?|anos|años|ans|jahre)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgePattern();

    [GeneratedRegex(@"^(?:~|about|around|approx\.?|approximately|ca\.?)?\s*(?<low>\d{1,3}(?:[.,]\d+)?)\s*(?:(?:-|–|—|to|or|/)\s*(?<high>\d{1,3}(?:[.,]\d+)?))?\s*(?:h|hs|hr|hrs|hour|hours|horas|heures|std|stunden)?\.?(?:\s*(?:a|per|/)\s*day)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HoursPattern();
}
