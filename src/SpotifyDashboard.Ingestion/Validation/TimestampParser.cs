using System.Globalization;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// Reads a submission time: a Sheets serial number (days since 1899-12-30), ISO 8601, or the text
/// Forms writes (<c>M/d/yyyy H:mm:ss</c>, or <c>d/M/yyyy H:mm:ss</c> when <c>Survey:Culture</c> puts
/// the day first). Times without an offset are in <c>Survey:TimeZone</c>. Returned in UTC.
/// </summary>
public sealed class TimestampParser(CultureInfo culture, TimeZoneInfo zone)
{
    private static readonly DateTime SerialEpoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    private static readonly string[] IsoWithOffset =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    private static readonly string[] IsoLocal =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    // "/" in a .NET format is the culture's date separator, so these also read 25.11.2026 under de-DE.
    private static readonly string[] MonthFirst =
        ["M/d/yyyy H:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yyyy"];

    private static readonly string[] DayFirst =
        ["d/M/yyyy H:mm:ss", "d/M/yyyy H:mm", "d/M/yyyy h:mm:ss tt", "d/M/yyyy h:mm tt", "d/M/yyyy"];

    private readonly string[] _formsFormats =
        culture.DateTimeFormat.ShortDatePattern.TrimStart().StartsWith('d') ? DayFirst : MonthFirst;

    public bool TryParse(string text, out DateTimeOffset value, out string? problem)
    {
        value = default;
        problem = null;
        if (text.Length == 0)
        {
            problem = "no timestamp";
            return false;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial))
        {
            // 20000..80000 is 1954..2119: anything else is a number that is not a date.
            if (serial is < 20_000 or > 80_000)
            {
                problem = $"timestamp '{text}' is a number but not a plausible date serial";
                return false;
            }

            var ticks = (long)Math.Round(serial * TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond;
            value = InZone(SerialEpoch.AddTicks(ticks));
            return true;
        }

        // Forms text is the common case; ISO 8601 starts with a four-digit year and a dash.
        var looksIso = text.Length >= 10 && text[4] == '-';
        if (!looksIso && DateTime.TryParseExact(text, _formsFormats, culture, DateTimeStyles.AllowWhiteSpaces, out var forms))
        {
            value = InZone(DateTime.SpecifyKind(forms, DateTimeKind.Unspecified));
            return true;
        }

        if (looksIso && DateTimeOffset.TryParseExact(text, IsoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            value = withOffset.ToUniversalTime();
            return true;
        }

        if (looksIso && DateTime.TryParseExact(text, IsoLocal, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = InZone(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
            return true;
        }

        problem = $"timestamp '{text}' is not a date ({string.Join(", ", _formsFormats[0], "ISO 8601", "a serial number")})";
        return false;
    }

    private DateTimeOffset InZone(DateTime local) => new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
}
