using System.Text;
using SpotifyDashboard.Ingestion.Validation;

namespace SpotifyDashboard.Ingestion.Tests.Validation;

public class TextAndCategoryTests
{
    [Fact]
    public void CleansTextToNfcWithoutControlCharactersOrStraySpaces()
    {
        var decomposed = "  Montre\u0301al\t\u0007 Line\r\nbreak \uFEFF ";

        var clean = TextCleaner.Clean(decomposed);

        Assert.Equal("Montréal Line break", clean);
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void KeepsEmojiWhole()
    {
        const string family = "Song 👨‍👩‍👧 🎸";

        Assert.Equal(family, TextCleaner.Clean(family));
        Assert.Equal(8, TextCleaner.VisibleLength(family));
    }

    [Theory]
    [InlineData("1st year", "Freshman")]
    [InlineData("first year", "Freshman")]
    [InlineData("SOPHOMORE", "Sophomore")]
    [InlineData("I'm a junior", "Junior")]
    [InlineData("4", "Senior")]
    [InlineData("Masters", "Graduate")]
    [InlineData("Exchange student", "Exchange student")]
    public void NormalizesYearsToKnownCategoriesOrKeepsThem(string text, string expected) =>
        Assert.Equal(expected, CategoryNormalizer.Year(text));

    [Theory]
    [InlineData("In the morning", "Morning")]
    [InlineData("late at night", "Late night")]
    [InlineData("evenings", "Evening")]
    [InlineData("all the time", "All day")]
    [InlineData("mornings and evenings", "mornings and evenings")]
    [InlineData("on the bus", "on the bus")]
    public void NormalizesListeningTimesOrKeepsThem(string text, string expected) =>
        Assert.Equal(expected, CategoryNormalizer.ListeningTime(text));
}
