using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Tests;

public class AnalysisEngineTests
{
    [Fact]
    public void SameSeedAndInputGiveTheSameSnapshot()
    {
        var rows = TestData.DemoClass(150);

        var first = AnalysisEngine.Run(rows, TestData.Settings());
        var second = AnalysisEngine.Run(rows, TestData.Settings());

        Assert.Equal(Serialize(first), Serialize(second));
        Assert.NotNull(first.Model.ModelBytes);
    }

    [Fact]
    public void ADifferentSeedGivesADifferentVersion()
    {
        var rows = TestData.DemoClass(60);

        var first = AnalysisEngine.Run(rows, TestData.Settings(seed: 1));
        var second = AnalysisEngine.Run(rows, TestData.Settings(seed: 2));

        Assert.NotEqual(first.Version, second.Version);
    }

    [Fact]
    public void BadDataNeverCrashesAndIsReported()
    {
        var rows = TestData.DemoClass(30);
        rows.Add(new AnalysisRow("inf", "Music", rows[0].Features with { Energy = double.PositiveInfinity }));
        rows.Add(new AnalysisRow("nan", "Music", rows[0].Features with { Energy = double.NaN, Tempo = double.NaN }));
        rows.Add(new AnalysisRow("empty", "Music", new AudioFeatures()));
        rows.Add(new AnalysisRow("s0", "Music", rows[1].Features));

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "99"));

        Assert.Contains(snapshot.ExcludedRows, e => e.Id == "inf" && e.Reason.Contains("infinite"));
        Assert.Contains(snapshot.ExcludedRows, e => e.Id == "empty");
        Assert.Contains(snapshot.ExcludedRows, e => e.Id == "s0" && e.Reason == "duplicate id");
        Assert.Contains(snapshot.Points, p => p.Id == "nan");
        Assert.Contains(snapshot.Warnings, w => w.Contains("energy") && w.Contains("median"));
        Assert.Contains(snapshot.Warnings, w => w.Contains("clamped"));
        Assert.Equal(31, snapshot.Points.Count);
        JsonSerializer.Serialize(snapshot); // no NaN or infinity anywhere in the snapshot
    }

    [Fact]
    public void AllEqualRowsAndEmptyInputAreHandled()
    {
        var same = Enumerable.Range(0, 12).Select(i => new AnalysisRow($"r{i}", i % 2 == 0 ? "A" : "B", TestData.Song(1, 2, 3, 4, 5, 6, 7, 8, 9))).ToList();

        var equal = AnalysisEngine.Run(same, TestData.Settings(clusters: "auto"));
        var empty = AnalysisEngine.Run([], TestData.Settings());

        Assert.Empty(equal.UsedFeatures);
        Assert.Equal(ModelState.NotEnoughData, equal.Model.State);
        Assert.Contains(equal.Warnings, w => w.Contains("No feature varies"));
        Assert.All(equal.Points, p => Assert.Equal(0, p.Cluster));
        Assert.Empty(empty.Points);
        Assert.Equal(ModelState.NotEnoughData, empty.Model.State);
        JsonSerializer.Serialize(equal);
        JsonSerializer.Serialize(empty);
    }

    [Fact]
    public void EveryPointHasCoordinatesAClusterAndADnaScore()
    {
        var rows = TestData.DemoClass(80);

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings());

        Assert.Equal(80, snapshot.Points.Count);
        Assert.Equal(3, snapshot.Pca.ExplainedVarianceRatio.Count);
        Assert.True(snapshot.Pca.ExplainedVarianceRatio.Sum() is > 0.3 and <= 1.0);
        Assert.All(snapshot.Points, p => Assert.InRange(p.DnaScore, 0, 100));
        Assert.All(snapshot.Points, p => Assert.InRange(p.Cluster, 0, snapshot.Clustering.K - 1));
        Assert.Equal(snapshot.UsedFeatures.Count, snapshot.Points[0].Standardized!.Count);
        Assert.Equal(80, snapshot.Clustering.Clusters.Sum(c => c.Size));
    }

    [Fact]
    public void TheMostUnusualTasteHasTheHighestDnaScore()
    {
        var rows = TestData.Blobs(k: 1, perBlob: 30);
        rows.Add(new AnalysisRow("odd", null, TestData.Song(90, 90, 90, 90, 90, 90, 90, 90, 900)));

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "2"));

        Assert.Equal(100, snapshot.Points.Single(p => p.Id == "odd").DnaScore);
        Assert.Equal(0, snapshot.Points.Min(p => p.DnaScore));
    }

    private static string Serialize(AnalysisSnapshot snapshot) =>
        JsonSerializer.Serialize(snapshot with { TrainedAt = default });
}
