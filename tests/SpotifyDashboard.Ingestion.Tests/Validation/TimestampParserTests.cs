using System.Globalization;
using SpotifyDashboard.Ingestion.Validation;

namespace SpotifyDashboard.Ingestion.Tests.Validation;

public class TimestampParserTests
{
    private static TimestampParser Parser(string culture = "en-US", string zone = "UTC") =>
        new(CultureInfo.GetCultureInfo(culture), TimeZoneInfo.FindSystemTimeZoneById(zone));

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min, int s) => new(y, m, d, h, min, s, TimeSpan.Zero);

    [Theory]
    [InlineData("46000.5", 2025, 12, 9, 12, 0, 0)]
    [InlineData("46000.572916666664", 2025, 12, 9, 13, 45, 0)]
    [InlineData("2026-11-20T09:15:02Z", 2026, 11, 20, 9, 15, 2)]
    [InlineData("2026-11-20T10:15:02+01:00", 2026, 11, 20, 9, 15, 2)]
    [InlineData("2026-11-20 09:15:02", 2026, 11, 20, 9, 15, 2)]
    [InlineData("11/20/2026 9:15:02", 2026, 11, 20, 9, 15, 2)]
    [InlineData("3/4/2026 14:00:00", 2026, 3, 4, 14, 0, 0)]
    [InlineData("3/4/2026 2:00:00 PM", 2026, 3, 4, 14, 0, 0)]
    public void ReadsSerialsIsoAndFormsTextInUsCulture(string text, int y, int m, int d, int h, int min, int s)
    {
        Assert.True(Parser().TryParse(text, out var value, out var problem), problem);
        Assert.Equal(Utc(y, m, d, h, min, s), value);
    }

    [Fact]
    public void ReadsDayFirstWhenTheCultureSaysSo()
    {
        Assert.True(Parser("en-GB").TryParse("3/4/2026 14:00:00", out var british, out _));
        Assert.Equal(Utc(2026, 4, 3, 14, 0, 0), british);

        Assert.True(Parser("de-DE").TryParse("25.11.2026 13:45:10", out var german, out _));
        Assert.Equal(Utc(2026, 11, 25, 13, 45, 10), german);
    }

    [Fact]
    public void PlacesZonelessTimesInTheConfiguredTimeZone()
    {
        Assert.True(Parser(zone: "Europe/Madrid").TryParse("11/20/2026 9:15:02", out var value, out _));
        Assert.Equal(Utc(2026, 11, 20, 8, 15, 2), value);
    }

    [Theory]
    [InlineData("", "no timestamp")]
    [InlineData("yesterday", "not a date")]
    [InlineData("12", "not a plausible date serial")]
    [InlineData("13/20/2026 9:15:02", "not a date")]
    public void RejectsWhatIsNotATime(string text, string expected)
    {
        Assert.False(Parser().TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }
}
