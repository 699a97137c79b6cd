using SpotifyDashboard.Analysis.Twins;

namespace SpotifyDashboard.Analysis.Tests;

public class MusicTwinFinderTests
{
    [Fact]
    public void ClassmatesWithTheSameSongAreToldApartAndTheTwinsHaveOtherSongs()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        rows.Add(rows[7] with { Id = "copy-of-r7" });
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")));

        var search = finder.FindForResponse("r7", k: 3)!;
        var fromTheCopy = finder.FindForResponse("copy-of-r7", k: 3)!;

        Assert.Equal(["copy-of-r7"], search.SameSong);
        Assert.Equal(["r7"], fromTheCopy.SameSong);
        Assert.Equal(3, search.Twins.Count);
        Assert.All(search.Twins, t => Assert.True(t.Similarity < 1 - 1e-6, $"{t.Id} is {t.Similarity} alike"));
        Assert.DoesNotContain(search.Twins, t => t.Id is "r7" or "copy-of-r7");
        Assert.Equal(search.Twins.Select(t => t.Id), fromTheCopy.Twins.Select(t => t.Id));
    }

    [Fact]
    public void ASongChosenByManyIsOneTwin()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        var nearest = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3"))).FindForResponse("r0", k: 1)!.Twins[0].Id;
        var popular = rows.Single(r => r.Id == nearest);
        rows.AddRange(Enumerable.Range(0, 4).Select(i => popular with { Id = $"fan-{i}" }));
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")));

        var twins = finder.FindForResponse("r0", k: 5)!.Twins;

        Assert.Equal(5, twins.Count);
        Assert.Contains(twins, t => t.Id == nearest);
        Assert.DoesNotContain(twins, t => t.Id.StartsWith("fan-", StringComparison.Ordinal));
        Assert.Equal(5, twins.Select(t => rows.Single(r => r.Id == t.Id).Features).Distinct().Count());
    }

    [Fact]
    public void ReturnsTwinsOrderedBySimilarityWithThreeReasons()
    {
        var rows = TestData.DemoClass(60);
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings()));

        var twins = finder.FindForResponse("s0", k: 5)!.Twins;

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

        var search = finder.FindForFeatures(rows[4].Features, k: 5);

        Assert.Equal(["r4"], search.SameSong);
        Assert.Equal(5, search.Twins.Count);
        Assert.DoesNotContain(search.Twins, t => t.Id == "r4");
        Assert.All(search.Twins, t => Assert.Equal(rows[4].Label, t.Label));
        Assert.Equal("r4", finder.Closest(rows[4].Features)!.Id);
        Assert.Equal(1.0, finder.Closest(rows[4].Features)!.Similarity, 6);
    }

    [Fact]
    public void AnUnknownResponseHasNoTwinsAndAskingForTooManyGivesAllOthers()
    {
        var rows = TestData.Blobs(k: 2, perBlob: 3);
        var finder = new MusicTwinFinder(AnalysisEngine.Run(rows, TestData.Settings(clusters: "2")));

        Assert.Null(finder.FindForResponse("nobody"));
        Assert.Equal(5, finder.FindForResponse("r0", k: 50)!.Twins.Count);
    }
}
