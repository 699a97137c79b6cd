using SpotifyDashboard.Web.Components.Pages.Compare;

namespace SpotifyDashboard.Web.Tests.Pages;

public class TypedSongsTests
{
    [Theory]
    [InlineData("Dancing Queen — ABBA", "Dancing Queen", "ABBA")]
    [InlineData("Take On Me – a-ha", "Take On Me", "a-ha")]
    [InlineData("Bohemian Rhapsody - Remastered 2011 - Queen", "Bohemian Rhapsody - Remastered 2011", "Queen")]
    [InlineData("Anti-Hero - Taylor Swift", "Anti-Hero", "Taylor Swift")]
    [InlineData("  Just A Title  ", "Just A Title", null)]
    [InlineData("<b>Bold</b> — \"Quotes\" & Co", "<b>Bold</b>", "\"Quotes\" & Co")]
    public void ALineIsASongAndTheArtistAfterItsLastSpacedDash(string line, string song, string? artist)
    {
        Assert.Equal([new CompareSong(song, artist)], TypedSongs.Read(line));
    }

    [Fact]
    public void BlankLinesAreSkippedAndWindowsLineEndsRead()
    {
        Assert.Equal(
            [new CompareSong("One", "A"), new CompareSong("Two", "B")],
            TypedSongs.Read("One — A\r\n\r\n   \r\nTwo — B\r\n"));
    }
}
