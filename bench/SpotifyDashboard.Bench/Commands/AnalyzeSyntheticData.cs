using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// A large class for the scaling benchmark, fast to make: majors lean to genres with the demo generator's
/// weights, songs come from the seeded demo catalogue, and each favourite gets a little noise so rows differ.
/// </summary>
internal static class AnalyzeSyntheticData
{
    public static List<AnalysisRow> Generate(int count, int seed)
    {
        var catalog = new DemoCatalog(seed);
        var random = new Random(seed);
        var majors = DemoClassGenerator.MajorGenreWeights.Keys.Order(StringComparer.Ordinal).ToArray();
        var genres = GenreProfile.All.Select(p => p.Genre).ToArray();
        var rows = new List<AnalysisRow>(count);
        for (var i = 0; i < count; i++)
        {
            var major = majors[random.Next(majors.Length)];
            var genre = genres[Pick(DemoClassGenerator.MajorGenreWeights[major], random)];
            var songs = catalog.SongsByGenre[genre];
            var f = songs[random.Next(songs.Count)].Features;
            double Noise(double? v, double scale) => (v ?? 0) + scale * (random.NextDouble() - 0.5);
            var features = f with
            {
                Danceability = Math.Clamp(Noise(f.Danceability, 0.1), 0, 1),
                Energy = Math.Clamp(Noise(f.Energy, 0.1), 0, 1),
                Valence = Math.Clamp(Noise(f.Valence, 0.1), 0, 1),
                Tempo = Noise(f.Tempo, 6),
                Loudness = Noise(f.Loudness, 1),
            };
            rows.Add(new AnalysisRow($"synthetic-{i}", major, features));
        }

        return rows;
    }

    private static int Pick(double[] weights, Random random)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
