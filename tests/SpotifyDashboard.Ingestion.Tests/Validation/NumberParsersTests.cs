using SpotifyDashboard.Ingestion.Validation;

namespace SpotifyDashboard.Ingestion.Tests.Validation;

public class NumberParsersTests
{
    [Theory]
    [InlineData("2", 2.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("2,5", 2.5)]
    [InlineData("2-3", 2.5)]
    [InlineData("2 – 3 hours", 2.5)]
    [InlineData("2 hours", 2.0)]
    [InlineData("~4h", 4.0)]
    [InlineData("1 hour a day", 1.0)]
    [InlineData("24", 24.0)]
    public void ReadsHoursAsStudentsTypeThem(string text, double expected)
    {
        Assert.True(NumberParsers.TryParseHours(text, out var hours, out var problem), problem);
        Assert.Equal(expected, hours);
    }

    [Theory]
    [InlineData("25", "more than 24")]
    [InlineData("20-30", "more than 24")]
    [InlineData("a lot", "not a number of hours")]
    [InlineData("-2", "not a number of hours")]
    public void RejectsImpossibleHours(string text, string expected)
    {
        Assert.False(NumberParsers.TryParseHours(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void EmptyHoursAndAgeAreAllowed()
    {
        Assert.True(NumberParsers.TryParseHours("", out var hours, out _));
        Assert.Null(hours);
        Assert.True(NumberParsers.TryParseAge("", out var age, out _));
        Assert.Null(age);
    }

    [Theory]
    [InlineData("21", 21)]
    [InlineData("21 years", 21)]
    [InlineData("19 yo", 19)]
    [InlineData("20.0", 20)]
    public void ReadsWholeAges(string text, int expected)
    {
        Assert.True(NumberParsers.TryParseAge(text, out var age, out var problem), problem);
        Assert.Equal(expected, age);
    }

    [Theory]
    [InlineData("7", "outside 10–100")]
    [InlineData("150", "outside 10–100")]
    [InlineData("20.5", "not a whole number")]
    [InlineData("twenty", "not a whole number")]
    public void RejectsImpossibleAges(string text, string expected)
    {
        Assert.False(NumberParsers.TryParseAge(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }
}
