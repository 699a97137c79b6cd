using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Tests;

/// <summary>Constructed inputs with known answers.</summary>
internal static class TestData
{
    /// <summary>The nine continuous features, in the order <see cref="Song"/> takes them.</summary>
    public static readonly string[] ContinuousFeatures =
        ["danceability", "energy", "loudness", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo"];

    /// <summary>A song with the nine continuous features given and key, mode, duration and time signature fixed.</summary>
    public static AudioFeatures Song(params double[] v) => new()
    {
        Danceability = v[0],
        Energy = v[1],
        Loudness = v[2],
        Speechiness = v[3],
        Acousticness = v[4],
        Instrumentalness = v[5],
        Liveness = v[6],
        Valence = v[7],
        Tempo = v[8],
        Key = 5,
        Mode = 1,
        DurationMs = 200_000,
        TimeSignature = 4,
    };

    /// <summary>
    /// <paramref name="k"/> tight Gaussian blobs (sd 0.3) around centres 10 apart in the 9 continuous features;
    /// the label of a row is its blob ("blob-2").
    /// </summary>
    public static List<AnalysisRow> Blobs(int k, int perBlob, int seed = 1)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 40).ToArray()).ToArray();
        // Push the centres apart along their own axis as well, so any two are far apart whatever the draw.
        for (var c = 0; c < k; c++)
        {
            centres[c][c % 9] += 30 * (c + 1);
        }

        var rows = new List<AnalysisRow>();
        for (var i = 0; i < k * perBlob; i++)
        {
            var blob = i % k;
            var v = centres[blob].Select(x => x + 0.3 * Normal(random)).ToArray();
            rows.Add(new AnalysisRow($"r{i}", $"blob-{blob}", Song(v)));
        }

        return rows;
    }

    /// <summary>Students of the demo class: majors lean towards genres, so features carry some signal.</summary>
    public static List<AnalysisRow> DemoClass(int count, int seed = 7)
    {
        var generator = new DemoClassGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var student = generator.Generate(i);
            return new AnalysisRow($"s{i}", student.Major, student.Song.Features);
        })];
    }

    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static AnalysisOptions Settings(string clusters = "5", int restarts = 4, int seed = 42) => new()
    {
        Clusters = clusters,
        Restarts = restarts,
        Seed = seed,
        CvFolds = 3,
        ClassifierIterations = 20,
        PermutationImportance = true,
    };
}
