using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Tests;

public class FeaturePreparationTests
{
    private static double[] Row(double danceability, double energy, double? timeSignature = null) =>
        FeatureScaler.RawVector(new AudioFeatures { Danceability = danceability, Energy = energy, Tempo = 120, TimeSignature = (int?)timeSignature });

    [Fact]
    public void StandardizesWithThePopulationStandardDeviation()
    {
        var prepared = FeaturePreparation.Prepare([Row(0.1, 0.5), Row(0.3, 0.9)]);

        var dance = prepared.Standardization.Single(s => s.Feature == "danceability");
        Assert.Equal(0.2, dance.Mean!.Value, 12);
        Assert.Equal(0.1, dance.Std!.Value, 12); // population sd of {0.1, 0.3}; the sample sd would be 0.1414
        Assert.Equal(-1, prepared.Matrix.Row(0)[0], 12);
        Assert.Equal(1, prepared.Matrix.Row(1)[0], 12);
    }

    [Fact]
    public void ImputesMissingValuesWithTheColumnMedianAndReportsIt()
    {
        var prepared = FeaturePreparation.Prepare([Row(0.1, 0.5, 3), Row(0.2, 0.6, 4), Row(0.3, 0.7, 4), Row(0.4, 0.8)]);

        var time = prepared.Standardization.Single(s => s.Feature == "time_signature");
        Assert.True(time.Used);
        Assert.Equal(4, time.ImputedWith);
        Assert.Equal(1, time.MissingCount);
        Assert.Contains(prepared.Warnings, w => w.Contains("time_signature") && w.Contains("median 4"));
        Assert.Equal(4, prepared.Matrix.RowCount);
    }

    [Fact]
    public void LeavesOutAllMissingAndConstantColumnsAndSaysSo()
    {
        var prepared = FeaturePreparation.Prepare([Row(0.1, 0.5), Row(0.2, 0.6), Row(0.3, 0.7)]);

        var used = prepared.Matrix.UsedColumns.Select(j => AudioFeatures.Names[j]).ToArray();
        Assert.Equal(["danceability", "energy"], used);
        Assert.Contains(prepared.Standardization, s => s.Feature == "tempo" && !s.Used && s.Note!.Contains("same value"));
        Assert.Contains(prepared.Standardization, s => s.Feature == "time_signature" && !s.Used && s.Note!.Contains("missing in every row"));
        Assert.Contains(prepared.Warnings, w => w.Contains("tempo"));
    }

    [Fact]
    public void ExcludesRowsWithInfinitiesOrMostlyMissingValues()
    {
        var rows = new[]
        {
            Row(0.1, 0.5), Row(double.PositiveInfinity, 0.6), Row(0.3, 0.7),
            FeatureScaler.RawVector(new AudioFeatures { Danceability = 0.4 }), Row(0.5, 0.1),
        };

        var prepared = FeaturePreparation.Prepare(rows);

        Assert.Equal([0, 2, 4], prepared.Matrix.KeptRows);
        Assert.Contains(prepared.ExcludedRows, e => e.Row == 1 && e.Reason.Contains("infinite") && e.Reason.Contains("danceability"));
        Assert.Contains(prepared.ExcludedRows, e => e.Row == 3 && e.Reason.Contains("missing"));
    }

    [Fact]
    public void TreatsKeyMinusOneAsMissing()
    {
        var raw = FeatureScaler.RawVector(new AudioFeatures { Key = -1 });

        Assert.True(double.IsNaN(raw[FeatureScaler.KeyIndex]));
    }
}
