using SpotifyDashboard.Analysis.Clustering;

namespace SpotifyDashboard.Analysis.Tests;

public class ClusteringTests
{
    [Fact]
    public void KMeansRecoversWellSeparatedBlobs()
    {
        var rows = TestData.Blobs(k: 4, perBlob: 50);

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "4"));

        Assert.Equal(4, snapshot.Clustering.K);
        // Every blob lands in exactly one cluster and every cluster holds exactly one blob.
        var pairs = snapshot.Points.Select(p => (p.Label, p.Cluster)).Distinct().ToList();
        Assert.Equal(4, pairs.Count);
        Assert.Equal(4, pairs.Select(p => p.Cluster).Distinct().Count());
        Assert.All(snapshot.Clustering.Clusters, c => Assert.Equal(50, c.Size));
        Assert.True(snapshot.Clustering.Silhouette > 0.9);
    }

    [Fact]
    public void AutoKPicksTheTrueNumberOfBlobs()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 40, seed: 11);

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "auto"));

        Assert.True(snapshot.Clustering.AutoK);
        Assert.Equal(3, snapshot.Clustering.K);
        Assert.Equal(Enumerable.Range(2, 7), snapshot.Clustering.Candidates.Select(c => c.K));
    }

    [Fact]
    public void InertiaIsTheSumOfSquaredDistancesToTheCentroids()
    {
        double[] data = [0, 0, 0, 2, 10, 10, 10, 12];

        var result = KMeansClusterer.Fit(data, rows: 4, columns: 2, k: 2, restarts: 3, seed: 1);

        // Two pairs 2 apart: each point is 1 from its centroid.
        Assert.Equal(4.0, result.Inertia, 6);
        Assert.Equal(result.Assignments[0], result.Assignments[1]);
        Assert.NotEqual(result.Assignments[0], result.Assignments[2]);
    }

    [Fact]
    public void MoreClustersThanRowsIsClampedAndReported()
    {
        var rows = TestData.Blobs(k: 3, perBlob: 1);

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "8"));

        Assert.Equal(3, snapshot.Clustering.K);
        Assert.Contains(snapshot.Warnings, w => w.Contains("clamped to 3"));
    }

    [Fact]
    public void NamesClustersAfterTheirMostDistinctiveFeatures()
    {
        var names = ClusterNamer.Name(
        [
            [("energy", 1.5), ("danceability", 0.9), ("key", 3.0)],
            [("acousticness", 1.2), ("valence", -0.8), ("energy", -0.1)],
            [("energy", 0.1)],
        ]);

        Assert.Equal(["High energy · danceable", "Acoustic · mellow", "Middle of the road"], names);
    }

    [Fact]
    public void GivesDuplicateNamesADistinguishingSuffix()
    {
        var names = ClusterNamer.Name([[("energy", 1.5), ("danceability", 0.9)], [("energy", 1.2), ("danceability", 0.5), ("tempo", 0.4)]]);

        Assert.Equal("High energy · danceable", names[0]);
        Assert.Equal("High energy · danceable · fast", names[1]);
    }

    [Fact]
    public void ProfilesShowClusterMeansInRawUnitsNextToTheClassMean()
    {
        var rows = TestData.Blobs(k: 2, perBlob: 30);

        var snapshot = AnalysisEngine.Run(rows, TestData.Settings(clusters: "2"));

        var tempo = snapshot.Clustering.Clusters.Select(c => c.Profile.Single(f => f.Feature == "tempo")).ToList();
        var classMean = rows.Average(r => r.Features.Tempo!.Value);
        Assert.All(tempo, t => Assert.Equal(classMean, t.ClassMean, 6));
        var weighted = snapshot.Clustering.Clusters.Zip(tempo).Sum(p => p.First.Size * p.Second.ClusterMean) / rows.Count;
        Assert.Equal(classMean, weighted, 6);
    }
}
