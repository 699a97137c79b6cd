using Bogus;

namespace SpotifyDashboard.Core.Demo;

/// <summary>
/// Generates the demo class: realistic students whose majors lean towards some genres, so the
/// major predictor has a signal to find. Student <c>i</c> depends only on the seed and
/// <c>i</c>, so a restarted worker continues the same class.
/// </summary>
public sealed class DemoClassGenerator
{
    /// <summary>How strongly each major leans towards each genre (relative weights, <see cref="GenreProfile.All"/> order).</summary>
    public static IReadOnlyDictionary<string, double[]> MajorGenreWeights { get; } = new Dictionary<string, double[]>
    {
        //                                 Pop  Rock Hip-Hop Electronic Folk Classical
        ["Computer Science"] = [2, 2, 2, 5, 1, 1],
        ["Music"] = [1, 1, 1, 1, 2, 6],
        ["Biology"] = [5, 1, 2, 1, 3, 1],
        ["Business"] = [4, 1, 5, 2, 1, 0.5],
        ["Psychology"] = [3, 1, 1, 1, 5, 1],
        ["Mechanical Engineering"] = [1, 6, 2, 3, 1, 0.5],
        ["English Literature"] = [1, 3, 0.5, 0.5, 5, 3],
    };

    private static readonly (string Year, double Weight, int MinAge, int MaxAge)[] Years =
    [
        ("Freshman", 0.28, 17, 20),
        ("Sophomore", 0.25, 18, 21),
        ("Junior", 0.22, 19, 23),
        ("Senior", 0.20, 20, 25),
        ("Graduate", 0.05, 22, 30),
    ];

    private static readonly string[] ListeningTimes = ["Morning", "Afternoon", "Evening", "Late night", "All day"];

    private readonly int _seed;

    public DemoClassGenerator(int seed)
    {
        _seed = seed;
        Catalog = new DemoCatalog(seed);
    }

    public DemoCatalog Catalog { get; }

    public DemoStudent Generate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Not HashCode.Combine: it is randomized per process, and the class must be the same in every run.
        var random = new Randomizer(unchecked((_seed * 1_000_003) + (index * 7_919) + 17));
        var faker = new Faker("en") { Random = random };

        var major = random.ArrayElement(MajorGenreWeights.Keys.ToArray());
        var genre = PickGenre(major, random);
        var song = PickSong(Catalog.SongsByGenre[genre], random);

        var year = Weighted(random, Years, Years.Select(y => y.Weight));
        var age = random.Double() < 0.05 ? random.Number(year.MinAge, 30) : random.Number(year.MinAge, year.MaxAge);
        var hours = Math.Round(Math.Clamp(Math.Exp(0.9 + 0.55 * DemoCatalog.StandardNormal(random)), 0.5, 12) * 2) / 2;

        return new DemoStudent(
            index,
            faker.Name.FullName(),
            age,
            major,
            year.Year,
            $"{faker.Address.City()}, {faker.Address.StateAbbr()}",
            song,
            hours,
            random.ArrayElement(ListeningTimes));
    }

    private static string PickGenre(string major, Randomizer random)
    {
        var weights = MajorGenreWeights[major];
        var genres = GenreProfile.All.Select(p => p.Genre).ToArray();
        return Weighted(random, genres, weights);
    }

    /// <summary>Favourites are skewed: a few hits are named by many students, so twins exist.</summary>
    private static DemoSong PickSong(IReadOnlyList<DemoSong> songs, Randomizer random)
    {
        var weights = Enumerable.Range(0, songs.Count).Select(rank => 1.0 / Math.Pow(rank + 1, 0.8));
        return Weighted(random, songs, weights);
    }

    private static T Weighted<T>(Randomizer random, IReadOnlyList<T> items, IEnumerable<double> weights)
    {
        var cumulative = weights.ToArray();
        for (var i = 1; i < cumulative.Length; i++)
        {
            cumulative[i] += cumulative[i - 1];
        }

        var target = random.Double() * cumulative[^1];
        var index = Array.FindIndex(cumulative, c => target < c);
        return items[index < 0 ? items.Count - 1 : index];
    }
}
