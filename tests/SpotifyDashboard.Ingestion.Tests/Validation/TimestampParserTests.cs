using System.Globalization;
using SpotifyDashboard.Core.Configuration;
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

    [Theory]
    [InlineData("2026/11/01 9:00:00 AM GMT+1", "2026-11-01T08:00:00Z")]
    [InlineData("2026/11/01 9:00:00 PM GMT+1", "2026-11-01T20:00:00Z")]
    [InlineData("2026/11/01 12:00:00 AM GMT+1", "2026-10-31T23:00:00Z")]
    [InlineData("2026/11/01 12:00:00 PM GMT+1", "2026-11-01T11:00:00Z")]
    [InlineData("2026/09/04 7:51:43 PM GMT+5:30", "2026-09-04T14:21:43Z")]
    [InlineData("2025/07/07 4:02:26 pm GMT+5:30", "2025-07-07T10:32:26Z")]
    [InlineData("2022/02/13 10:26:52 p. m. GMT-3", "2022-02-14T01:26:52Z")]
    [InlineData("2026/07/18 1:47:02 p.m. GMT-6", "2026-07-18T19:47:02Z")]
    [InlineData("2026/07/18 11:47:02 a.m. GMT-6", "2026-07-18T17:47:02Z")]
    [InlineData("2026/11/01 9:00:00 a. m. GMT+1", "2026-11-01T08:00:00Z")]
    [InlineData("2026/11/01 9:00:00 nachm. GMT+1", "2026-11-01T20:00:00Z")]
    [InlineData("2026/11/01 9:00:00 अपराह्न GMT+5:30", "2026-11-01T15:30:00Z")]
    [InlineData("2026/11/01 午後9:00:00 GMT+9", "2026-11-01T12:00:00Z")]
    [InlineData("2026/11/01 오전 9:00:00 GMT+9", "2026-11-01T00:00:00Z")]
    [InlineData("2026/11/01 21:00:00 GMT+1", "2026-11-01T20:00:00Z")]
    [InlineData("2026/11/01 9:00:00 AM GMT", "2026-11-01T09:00:00Z")]
    [InlineData("2026/11/01 9:00:00 AM GMT−3", "2026-11-01T12:00:00Z")]
    [InlineData("2026/11/01 9:00:00 AM GMT+0530", "2026-11-01T03:30:00Z")]
    public void ReadsTheFormsDownloadInAnyLanguageWithItsOffsetApplied(string text, string utc)
    {
        // The zone setting must not matter: the offset in the text says where the time was taken.
        Assert.True(Parser("en-GB", "America/New_York").TryParse(text, out var value, out var problem), problem);
        Assert.Equal(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2025/09/15 10:23:45", "2025-09-15T10:23:45Z")]
    [InlineData("2025-09-15 10:23:45", "2025-09-15T10:23:45Z")]
    [InlineData("15-9-2025", "2025-09-15T00:00:00Z")]
    [InlineData("20-11-2026 9:15:02", "2026-11-20T09:15:02Z")]
    [InlineData("2026. 11. 20. 9:15:02", "2026-11-20T09:15:02Z")]
    public void ReadsYearFirstAndDashedDatesWithoutAZone(string text, string utc)
    {
        Assert.True(Parser().ForColumn([text]).TryParse(text, out var value, out var problem), problem);
        Assert.Equal(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2026/11/01 13:00:00 PM GMT+1")]
    [InlineData("2026/11/01 9:00:00 XM GMT+1")]
    [InlineData("2026/11/01 9:00:00 AM GMT+15")]
    [InlineData("2026/02/30 9:00:00 AM GMT+1")]
    public void RejectsFormsTimestampsThatCannotBe(string text)
    {
        Assert.False(Parser().TryParse(text, out _, out var problem));
        Assert.Contains("is not a date", problem);
    }

    [Fact]
    public void OneDayAbove12SettlesTheOrderForTheWholeColumn()
    {
        var column = Parser("en-US").ForColumn(["05/09/2025 10:00:00", "15/09/2025 10:00:00", "2025/09/16 10:00:00"]);

        Assert.True(column.TryParse("05/09/2025 10:00:00", out var fifth, out _));
        Assert.Equal(Utc(2025, 9, 5, 10, 0, 0), fifth);
        Assert.Equal(DateOrder.DayFirst, column.Order.Order);
        Assert.True(column.Order.FromColumn);
    }

    [Fact]
    public void AColumnThatNeverSettlesKeepsTheConfiguredOrderAndSaysSo()
    {
        var column = new TimestampParser(CultureInfo.GetCultureInfo("en-US"), TimeZoneInfo.Utc, DateOrder.DayFirst)
            .ForColumn(["05/09/2025 10:00:00", "06/09/2025 10:00:00"]);

        Assert.True(column.TryParse("05/09/2025 10:00:00", out var fifth, out _));
        Assert.Equal(Utc(2025, 9, 5, 10, 0, 0), fifth);
        Assert.False(column.Order.FromColumn);
        Assert.Contains("Survey:DateOrder is DayFirst", column.Order.Describe());
    }

    [Fact]
    public void ARowAgainstTheColumnsOrderIsNotGuessedTheOtherWay()
    {
        var column = Parser("en-US").ForColumn(["15/09/2025 10:00:00", "16/09/2025 10:00:00", "09/13/2025 10:00:00"]);

        Assert.False(column.TryParse("09/13/2025 10:00:00", out _, out var problem));
        Assert.Contains("day first", problem);
    }
}
