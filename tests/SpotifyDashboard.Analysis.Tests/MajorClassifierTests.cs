using System.Text.Json;
using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Core.Contracts.Dashboard;

namespace SpotifyDashboard.Analysis.Tests;

public class MajorClassifierTests
{
    [Fact]
    public void BeatsTheMajorityBaselineOnTheDemoClass()
    {
        var snapshot = AnalysisEngine.Run(TestData.DemoClass(400), TestData.Settings());

        var model = snapshot.Model;
        Assert.Equal(ModelState.Trained, model.State);
        Assert.True(model.CvAccuracy > model.BaselineAccuracy + 0.05, $"cv accuracy {model.CvAccuracy} vs baseline {model.BaselineAccuracy}");
        Assert.True(model.CvBalancedAccuracy > model.BaselineBalancedAccuracy + 0.05, $"balanced {model.CvBalancedAccuracy} vs {model.BaselineBalancedAccuracy}");
        Assert.Equal(7, model.Classes.Count);
        Assert.Equal(400, model.ConfusionMatrix.Sum(r => r.Sum()));
        Assert.Equal(model.ClassCounts, model.ConfusionMatrix.Select(r => r.Sum()));
    }

    [Fact]
    public void LearnsAStrongSignalAlmostPerfectlyAndRanksTheInformativeFeatureFirst()
    {
        // The label depends on energy alone; everything else is noise.
        var random = new Random(9);
        var rows = Enumerable.Range(0, 240).Select(i =>
        {
            var label = i % 3;
            var v = Enumerable.Range(0, 9).Select(_ => random.NextDouble()).ToArray();
            v[1] = label + 0.2 * random.NextDouble();
            return new AnalysisRow($"r{i}", $"major-{label}", TestData.Song(v));
        }).ToList();

        var model = AnalysisEngine.Run(rows, TestData.Settings()).Model;

        Assert.True(model.CvAccuracy > 0.95, $"cv accuracy {model.CvAccuracy}");
        Assert.Equal("energy", model.FeatureImportance[0].Feature);
        Assert.True(model.FeatureImportance[0].AccuracyDrop > 0.3);
    }

    [Fact]
    public void SaysNotEnoughDataBelowTenLabelledRows()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 3);

        var model = AnalysisEngine.Run(rows, TestData.Settings(clusters: "3")).Model;

        Assert.Equal(ModelState.NotEnoughData, model.State);
        Assert.Contains("9 labelled", model.Reason);
        Assert.Null(model.ModelBytes);
    }

    [Fact]
    public void SaysNotEnoughDataWithFewerThanTwoMajorsOfTwoStudents()
    {
        var rows = TestData.Blobs(k: 2, perBlob: 10).Select((r, i) => r with { Label = i < 19 ? "Biology" : "Music" }).ToList();

        var model = AnalysisEngine.Run(rows, TestData.Settings(clusters: "2")).Model;

        Assert.Equal(ModelState.NotEnoughData, model.State);
        Assert.Contains("1 major(s)", model.Reason);
        var predictor = MajorPredictor.FromSnapshot(AnalysisEngine.Run(rows, TestData.Settings(clusters: "2")));
        Assert.False(predictor.Predict(rows[0].Features).Available);
    }

    [Fact]
    public void PredictsFromASnapshotThatWentThroughJson()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 20);
        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "3"));
        var json = JsonSerializer.Serialize(snapshot, JsonSerializerOptions.Web);
        var restored = JsonSerializer.Deserialize<AnalysisSnapshot>(json, JsonSerializerOptions.Web)!;

        var prediction = MajorPredictor.FromSnapshot(restored).Predict(rows[5].Features);

        Assert.True(prediction.Available);
        Assert.Equal(rows[5].Label, prediction.Major);
        Assert.Equal(3, prediction.Probabilities.Count);
        Assert.Equal(1.0, prediction.Probabilities.Sum(p => p.Probability), 3);
        Assert.Equal(prediction.Confidence, prediction.Probabilities.Max(p => p.Probability));
    }
}
