using SpotifyDashboard.Web.Components.Controls.Chart;

namespace SpotifyDashboard.Web.Tests.Charts;

public sealed class ChartTextTests
{
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("<b>x</b> & \"y\"", "&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;")]
    [InlineData("Women's Studies", "Women&#39;s Studies")]
    [InlineData("&lt;", "&amp;lt;")]
    public void EncodesEveryCharacterThatMakesMarkup(string raw, string encoded) => Assert.Equal(encoded, ChartText.Encode(raw));

    [Theory]
    [InlineData("Beyoncé · Halo")]
    [InlineData("Sigur Rós — Hoppípolla")]
    [InlineData("日本語")]
    public void LeavesOtherCharactersAsTheyAre(string text) => Assert.Same(text, ChartText.Encode(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void MakesNothingOfNothing(string? text) => Assert.Equal("", ChartText.Encode(text));
}
