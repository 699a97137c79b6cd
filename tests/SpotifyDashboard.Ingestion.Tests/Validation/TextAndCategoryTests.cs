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

    [Fact]
    public void OneLetterUnderThousandsOfAccentsIsNotOneCharacter()
    {
        var smear = TextCleaner.Clean("Z" + string.Concat(Enumerable.Range(0, 5000).Select(i => (char)(0x0300 + i % 0x70))));

        Assert.Equal(1, TextCleaner.VisibleLength(smear));
        Assert.StartsWith("stacks", TextCleaner.LimitProblem(smear));
    }

    [Theory]
    [InlineData("Tiếng Việt")]
    [InlineData("שָׁלוֹם")]
    [InlineData("नमस्ते दुनिया")]
    [InlineData("Keycap 1️⃣ and 👨‍👩‍👧‍👦 🏳️‍⚧️")]
    [InlineData("Z\u0301\u0302\u0303\u0304")]
    public void WhatPeopleTypeIsWithinTheLimits(string text) =>
        Assert.Null(TextCleaner.LimitProblem(TextCleaner.Clean(System.Text.RegularExpressions.Regex.Unescape(text))));

    [Fact]
    public void FiveMarksOnOneLetterOrTooManyCodePointsAreNot()
    {
        Assert.Contains("stacks 5 accent marks", TextCleaner.LimitProblem("Z\u0336\u0336\u0336\u0336\u0336"));
        var flags = string.Concat(Enumerable.Repeat("🇪🇸", 199));
        Assert.Equal(199, TextCleaner.VisibleLength(flags));
        Assert.Null(TextCleaner.LimitProblem(flags));
        var families = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 100));
        Assert.Equal(100, TextCleaner.VisibleLength(families));
        Assert.Contains("code points (the limit is 600)", TextCleaner.LimitProblem(families));
    }

    [Theory]
    [InlineData("Cost;Travel time", "Cost, Travel time")]
    [InlineData("Cost; Travel time;", "Cost, Travel time")]
    [InlineData("Cost, Travel time", "Cost, Travel time")]
    [InlineData("Biology", "Biology")]
    public void SeveralChoicesAreOneValueWhateverTheSource(string text, string expected) =>
        Assert.Equal(expected, ChoiceList.Join(text));

    [Theory]
    [InlineData("In the morning;Evening")]
    [InlineData("In the morning, Evening")]
    [InlineData("mornings, evening, Morning")]
    public void SeveralListeningTimesBecomeTheirCategories(string text) =>
        Assert.Equal("Morning, Evening", CategoryNormalizer.ListeningTime(ChoiceList.Join(text)));
}
