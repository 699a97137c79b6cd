using SpotifyDashboard.Analysis.Features;

namespace SpotifyDashboard.Analysis.Tests;

public class DnaScoreTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(2, 50)]     // 1 nearer, 2 tied: (1 + ½·2) / 4
    [InlineData(2.5, 75)]   // 3 nearer: 3 / 4
    [InlineData(3, 87.5)]   // 3 nearer, 1 tied: (3 + ½) / 4
    [InlineData(9, 100)]
    public void ASongIsPlacedAmongTheClassByMidRank(double distance, double expected)
    {
        double[] classDistances = [1, 2, 2, 3];

        Assert.Equal(expected, DnaScore.PlaceAmong(distance, classDistances));
    }

    [Fact]
    public void AnEmptyClassPlacesASongInTheMiddle()
    {
        Assert.Equal(50, DnaScore.PlaceAmong(1.5, []));
    }

    [Fact]
    public void TheDistanceIsTheEuclideanNormOfTheStandardizedVector()
    {
        Assert.Equal(5, DnaScore.Distance([3, -4]), 12);
    }

    [Fact]
    public void AClassSongIsPlacedByItsOwnRowAndAFarSongIsTheMostUnusual()
    {
        // Blobs: every song distinct, so no two distances tie.
        var rows = TestData.Blobs(k: 3, perBlob: 10);
        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "3"));
        var scaler = FeatureScaler.FromSnapshot(snapshot);
        var classDistances = snapshot.Points.Select(p => DnaScore.Distance([.. p.Standardized!])).ToArray();
        var mostTypical = snapshot.Points.MinBy(p => p.DnaScore)!;
        var mostUnusual = snapshot.Points.MaxBy(p => p.DnaScore)!;
        var far = TestData.Song(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);

        // Standardizing the raw features again lands on the snapshot's own row.
        Assert.Equal(DnaScore.Distance([.. mostTypical.Standardized!]), Distance(Features(mostTypical.Id)), 9);
        // Counting itself as a tie: half a place above nobody, half a place below everybody.
        Assert.Equal(Math.Round(100 * 0.5 / 30, 1), DnaScore.PlaceAmong(Distance(Features(mostTypical.Id)), classDistances));
        Assert.Equal(Math.Round(100 * 29.5 / 30, 1), DnaScore.PlaceAmong(Distance(Features(mostUnusual.Id)), classDistances));
        Assert.Equal(100, DnaScore.PlaceAmong(Distance(far), classDistances));

        Core.Music.AudioFeatures Features(string id) => rows.Single(r => r.Id == id).Features;

        double Distance(Core.Music.AudioFeatures features)
        {
            var standardized = new double[scaler.UsedColumns.Length];
            Assert.True(scaler.TryStandardize(FeatureScaler.RawVector(features), standardized));
            return DnaScore.Distance(standardized);
        }
    }
}
