using SpotifyDashboard.Analysis.Twins;

namespace SpotifyDashboard.Analysis.Tests;

public class MusicTwinFinderTests
{
    [Fact]
    public void ADuplicatedSongIsATwinWithSimilarityOne()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        rows.Add(rows[7] with { Id = "copy-of-r7" });
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")));

        var twins = finder.FindForResponse("r7", k: 3)!;

        Assert.Equal("copy-of-r7", twins[0].Id);
        Assert.Equal(1.0, twins[0].Similarity, 6);
        Assert.True(twins[1].Similarity < 1 - 1e-6);
        Assert.DoesNotContain(twins, t => t.Id == "r7");
    }

    [Fact]
    public void ReturnsTwinsOrderedBySimilarityWithThreeReasons()
    {
        var rows = TestData.DemoClass(60);
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings()));

        var twins = finder.FindForResponse("s0", k: 5)!;

        Assert.Equal(5, twins.Count);
        Assert.True(twins.Zip(twins.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
        Assert.All(twins, t => Assert.Equal(3, t.Because.Count));
        Assert.All(twins, t => Assert.True(t.Because[0].Contribution >= t.Because[2].Contribution));
    }

    [Fact]
    public void FindsTwinsForANewSongByItsFeatures()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")));

        var twins = finder.FindForFeatures(rows[4].Features, k: 5);

        Assert.Equal("r4", twins[0].Id);
        Assert.Equal(1.0, twins[0].Similarity, 6);
        Assert.All(twins, t => Assert.Equal(rows[4].Label, t.Label));
    }

    [Fact]
    public void AnUnknownResponseHasNoTwinsAndAskingForTooManyGivesAllOthers()
    {
        var rows = TestData.Blobs(k: 2, perBlob: 3);
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "2")));

        Assert.Null(finder.FindForResponse("nobody"));
        Assert.Equal(5, finder.FindForResponse("r0", k: 50)!.Count);
    }
}
