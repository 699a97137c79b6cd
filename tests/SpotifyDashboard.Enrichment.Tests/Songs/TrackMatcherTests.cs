using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Enrichment.Tests.Songs;

public class TrackMatcherTests
{
    private static Track Candidate(string id, string name, string artist, string album = "Album") =>
        new() { Id = id, Name = name, Artists = [artist], Album = album };

    [Fact]
    public void PrefersTheOriginalOverAKaraokeVersionListedFirst()
    {
        Track[] candidates =
        [
            Candidate("karaoke", "Bohemian Rhapsody (Karaoke Version)", "Queen Karaoke Band", "Karaoke Hits"),
            Candidate("tribute", "Bohemian Rhapsody", "Queen Tribute Orchestra"),
            Candidate("original", "Bohemian Rhapsody - Remastered 2011", "Queen"),
        ];

        var best = TrackMatcher.Best("Bohemian Rhapsody", "Queen", candidates, 0.6);

        Assert.Equal("original", best?.Track.Id);
    }

    [Fact]
    public void TakesTheKaraokeVersionWhenThatIsWhatWasAskedFor()
    {
        Track[] candidates =
        [
            Candidate("original", "Bohemian Rhapsody", "Queen"),
            Candidate("karaoke", "Bohemian Rhapsody (Karaoke Version)", "Queen"),
        ];

        var best = TrackMatcher.Best("Bohemian Rhapsody (Karaoke Version)", "Queen", candidates, 0.6);

        Assert.Equal("karaoke", best?.Track.Id);
    }

    [Fact]
    public void LeavesTheSongUnmatchedWhenNothingIsCloseEnough()
    {
        Track[] candidates = [Candidate("other", "Completely Different", "Someone Else")];

        Assert.Null(TrackMatcher.Best("Bohemian Rhapsody", "Queen", candidates, 0.6));
    }

    [Fact]
    public void FindsTheArtistAmongSeveral()
    {
        var track = new Track { Id = "1", Name = "Under Pressure", Artists = ["Queen", "David Bowie"] };

        Assert.True(TrackMatcher.Score("Under Pressure", "David Bowie", track) > 0.9);
    }
}
