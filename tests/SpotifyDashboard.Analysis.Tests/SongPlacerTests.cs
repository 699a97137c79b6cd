using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Tests;

public class SongPlacerTests
{
    [Fact]
    public void PlacesEachAnswerOfTheClassInTheClusterAndAtThePointTheAnalysisGaveIt()
    {
        var rows = TestData.DemoClass(60);
        var snapshot = AnalysisEngine.Run(rows, TestData.Settings());
        var placer = new SongPlacer(snapshot);

        foreach (var point in snapshot.Points)
        {
            var standardized = placer.Standardize(rows.Single(r => r.Id == point.Id).Features)!;

            Assert.Equal(point.Standardized!, standardized, (a, b) => Math.Abs(a - b) < 1e-9);
            Assert.Equal(point.Cluster, placer.NearestCluster(standardized));
            var (x, y, z) = placer.Project(standardized);
            Assert.Equal(point.X, x, 9);
            Assert.Equal(point.Y, y, 9);
            Assert.Equal(point.Z, z, 9);
        }
    }

    [Fact]
    public void ASongFartherFromTheAverageThanEveryoneScoresOneHundredAndTheAverageItselfZero()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        var placer = new SongPlacer(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")));
        var columns = TestData.ContinuousFeatures.Length;
        var average = Enumerable.Range(0, columns).Select(j => rows.Average(r => r.Features.ToVector()[AudioFeatureIndex(j)])).ToArray();

        Assert.Equal(100, placer.DnaScoreAmongClass(TestData.Song([.. average.Select(v => v + 1_000)])));
        Assert.Equal(0, placer.DnaScoreAmongClass(TestData.Song(average)));
    }

    [Fact]
    public void ASongWithAnInfiniteFeatureIsNotPlaced()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        var placer = new SongPlacer(AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")));
        var song = rows[0].Features with { Tempo = double.PositiveInfinity };

        Assert.Null(placer.Standardize(song));
        Assert.Null(placer.DnaScoreAmongClass(song));
    }

    [Fact]
    public void WithoutTheClassStandardizedRowsASongGetsAClusterButNoScore()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        var settings = TestData.Settings(clusters: "3");
        settings.IncludeStandardizedRows = false;
        var snapshot = AnalysisEngine.Run(rows, settings);
        var placer = new SongPlacer(snapshot);

        Assert.Null(placer.DnaScoreAmongClass(rows[4].Features));
        Assert.Equal(snapshot.Points[4].Cluster, placer.NearestCluster(placer.Standardize(rows[4].Features)));
    }

    /// <summary>Where the n-th of <see cref="TestData.ContinuousFeatures"/> sits in a raw feature vector.</summary>
    private static int AudioFeatureIndex(int continuous) =>
        AudioFeatures.Names.ToList().IndexOf(TestData.ContinuousFeatures[continuous]);
}
