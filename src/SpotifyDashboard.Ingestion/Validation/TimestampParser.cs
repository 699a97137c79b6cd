using System.Globalization;
using System.Text.RegularExpressions;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// Reads a submission time: a Sheets serial number (days since 1899-12-30), ISO 8601, the Forms download's
/// <c>2026/11/01 9:00:00 AM GMT+1</c> (any language's AM/PM marker, the offset applied), or a sheet's text dates
/// (<c>11/20/2026 9:15:02</c>, <c>20/11/2026</c>, <c>2026/11/20</c>, <c>20-11-2026</c>, <c>25.11.2026</c>). Whether
/// <c>05/09/2025</c> is May or September is decided for the whole column (<see cref="ForColumn"/>), never row by row;
/// until then <see cref="Order"/> is <c>Survey:DateOrder</c> or the locale's. Times without an offset are in
/// <c>Survey:TimeZone</c>. Returned in UTC.
/// </summary>
public sealed partial class TimestampParser
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
    ];

    private readonly TimeZoneInfo _zone;

    /// <param name="culture">The sheet's locale (or <c>Survey:Culture</c>): its day/month order applies when nothing else says.</param>
    /// <param name="configuredOrder"><c>Survey:DateOrder</c>, which wins over the locale.</param>
    public TimestampParser(CultureInfo culture, TimeZoneInfo zone, DateOrder? configuredOrder = null)
        : this(zone, configuredOrder is { } configured ? new DateOrderChoice(configured, $"Survey:DateOrder is {configured}") : LocaleChoice(culture))
    {
    }

    private TimestampParser(TimeZoneInfo zone, DateOrderChoice order)
    {
        _zone = zone;
        Order = order;
    }

    /// <summary>How a date whose day and month could be swapped is read, and why.</summary>
    public DateOrderChoice Order { get; }

    /// <summary>
    /// A parser that reads day and month in the order the column itself shows: one date with a day above 12 settles
    /// it for all. A column where nothing settles it keeps <see cref="Order"/>. Rows against the majority stay unread.
    /// </summary>
    public TimestampParser ForColumn(IEnumerable<string> texts)
    {
        int dayFirst = 0, monthFirst = 0, ambiguous = 0;
        foreach (var text in texts)
        {
            var match = TextDate().Match(text.Trim());
            if (!match.Success || match.Groups["year"].Success)
            {
                continue;
            }

            var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture);
            if (first > 12 && second <= 12)
            {
                dayFirst++;
            }
            else if (second > 12 && first <= 12)
            {
                monthFirst++;
            }
            else
            {
                ambiguous++;
            }
        }

        if (dayFirst + monthFirst + ambiguous == 0)
        {
            return this;
        }

        var settled = dayFirst + monthFirst;
        DateOrderChoice choice;
        if (settled == 0)
        {
            choice = Order with { Reason = $"no date in the column has a day above 12, so {Order.Reason}", FromColumn = false, DayMonthDates = ambiguous };
        }
        else
        {
            var order = dayFirst >= monthFirst ? DateOrder.DayFirst : DateOrder.MonthFirst;
            var (agree, disagree) = order == DateOrder.DayFirst ? (dayFirst, monthFirst) : (monthFirst, dayFirst);
            var reason = $"{agree} {(agree == 1 ? "date" : "dates")} in the column can only be read {(order == DateOrder.DayFirst ? "day" : "month")} first";
            if (disagree > 0)
            {
                reason += $"; {disagree} can only be read the other way and are quarantined";
            }

            choice = new DateOrderChoice(order, reason, FromColumn: true, DayMonthDates: settled + ambiguous);
        }

        return new TimestampParser(_zone, choice);
    }

    public bool TryParse(string text, out DateTimeOffset value, out string? problem)
    {
        value = default;
        problem = null;
        text = text.Trim();
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

        if (text.Length >= 11 && text[4] == '-' && text[10] == 'T')
        {
            if (DateTimeOffset.TryParseExact(text, IsoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
            {
                value = withOffset.ToUniversalTime();
                return true;
            }

            if (DateTime.TryParseExact(text, IsoLocal, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                value = InZone(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
                return true;
            }
        }

        if (TryParseText(text, out value, out var why))
        {
            return true;
        }

        problem = $"timestamp '{text}' is not a date ({why ?? "expected e.g. 2026/11/20 9:15:02 AM GMT+1, 11/20/2026 9:15:02, ISO 8601 or a serial number"})";
        return false;
    }

    private bool TryParseText(string text, out DateTimeOffset value, out string? why)
    {
        value = default;
        why = null;
        var match = TextDate().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int year, month, day;
        if (match.Groups["year"].Success)
        {
            year = Number(match, "year");
            month = Number(match, "first");
            day = Number(match, "second");
        }
        else
        {
            year = Number(match, "lastyear");
            (day, month) = Order.Order == DateOrder.DayFirst
                ? (Number(match, "first"), Number(match, "second"))
                : (Number(match, "second"), Number(match, "first"));
        }

        var hour = match.Groups["hour"].Success ? Number(match, "hour") : 0;
        var minute = match.Groups["minute"].Success ? Number(match, "minute") : 0;
        var second = match.Groups["sec"].Success ? Number(match, "sec") : 0;
        var marker = match.Groups["before"].Success ? match.Groups["before"].Value : match.Groups["after"].Success ? match.Groups["after"].Value : null;
        if (marker is not null)
        {
            if (!DayPeriodMarkers.TryRead(marker, out var afternoon))
            {
                why = $"'{marker.Trim()}' is not an AM/PM marker";
                return false;
            }

            if (hour > 12)
            {
                return false;
            }

            hour = hour % 12 + (afternoon ? 12 : 0);
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || year is < 1900 or > 9999
            || hour > 23 || minute > 59 || second > 59)
        {
            if (!match.Groups["year"].Success && month > 12 && day <= 12)
            {
                why = $"the column's dates are read {(Order.Order == DateOrder.DayFirst ? "day" : "month")} first ({Order.Reason})";
            }

            return false;
        }

        var clock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (match.Groups["fraction"].Success)
        {
            clock = clock.AddTicks((long)(double.Parse("0" + match.Groups["fraction"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
        }

        if (match.Groups["gmt"].Success)
        {
            var offset = TimeSpan.Zero;
            if (match.Groups["offhours"].Success)
            {
                offset = new TimeSpan(Number(match, "offhours"), match.Groups["offminutes"].Success ? Number(match, "offminutes") : 0, 0);
                if (offset > TimeSpan.FromHours(14))
                {
                    return false;
                }

                offset = match.Groups["sign"].Value == "+" ? offset : -offset;
            }

            value = new DateTimeOffset(clock, offset).ToUniversalTime();
            return true;
        }

        value = InZone(clock);
        return true;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private DateTimeOffset InZone(DateTime local) => new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();

    /// <summary>The order of the locale's short date; a year-first locale (ja, zh, sv) puts the month before the day.</summary>
    private static DateOrderChoice LocaleChoice(CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.ShortDatePattern;
        var day = pattern.IndexOf('d', StringComparison.Ordinal);
        var month = pattern.IndexOf('M', StringComparison.Ordinal);
        var dayFirst = day >= 0 && month >= 0 && day < month;
        return new DateOrderChoice(
            dayFirst ? DateOrder.DayFirst : DateOrder.MonthFirst,
            $"the locale {culture.Name} writes the {(dayFirst ? "day" : "month")} first; set Survey:DateOrder if that is wrong");
    }

    // year/first/second (year first: month then day) or first/second/lastyear (day and month in the column's order);
    // '/', '-' or '.' between; then optionally a time with an AM/PM marker before or after it and a "GMT±H[:mm]" zone.
    [GeneratedRegex(
        @"^(?:(?<year>\d{4})[/.\-]\s?(?<first>\d{1,2})[/.\-]\s?(?<second>\d{1,2})\.?|(?<first>\d{1,2})[/.\-](?<second>\d{1,2})[/.\-](?<lastyear>\d{4}))" +
        @"(?:[\sT,]+(?:(?<before>[^\d\s][^\d]{0,11}?)\s*)?(?<hour>\d{1,2})[:.](?<minute>\d{2})(?:[:.](?<sec>\d{2})(?<fraction>[.,]\d{1,7})?)?" +
        @"(?:\s*(?!GMT|UTC)(?<after>[^\d\s+\-−][^\d+\-−]{0,11}?))?" +
        @"(?:\s*(?<gmt>GMT|UTC)(?:(?<sign>[+\-−])(?<offhours>\d{1,2})(?::?(?<offminutes>\d{2}))?)?)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TextDate();
}

/// <summary>
/// How day and month are read in a column where both are 12 or less, and why (shown on the teacher's Sources page).
/// <see cref="DayMonthDates"/> counts the column's dates written day and month without the year first: when there are
/// none (the Forms download, ISO, serials) the order does not matter.
/// </summary>
public sealed record DateOrderChoice(DateOrder Order, string Reason, bool FromColumn = false, int DayMonthDates = 0)
{
    public string Describe() =>
        $"Dates like 05/09/2025 are read {(Order == DateOrder.DayFirst ? "day first (5 September)" : "month first (May 9)")}: {Reason}.";
}
