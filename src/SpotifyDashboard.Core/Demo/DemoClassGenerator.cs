using Bogus;

namespace SpotifyDashboard.Core.Demo;

/// <summary>
/// Generates the demo class: realistic students whose majors lean towards some genres and, within a genre, towards
/// songs of a certain sound, so the major predictor has a signal to find (by about 150 students it clearly beats the
/// majority baseline, see DemoClassSignalTests). Student <c>i</c> depends only on the seed and <c>i</c>, so a
/// restarted worker continues the same class.
/// </summary>
public sealed class DemoClassGenerator
{
    /// <summary>
    /// How strongly each major leans towards each genre (relative weights, <see cref="GenreProfile.All"/> order). Each
    /// major has a home genre it picks about half the time, so the class is easy to read but far from a rule;
    /// Psychology and English Literature share Folk and differ in what they like within it (<see cref="MajorTastes"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> MajorGenreWeights { get; } = new Dictionary<string, double[]>
    {
        //                                 Pop  Rock Hip-Hop Electronic Folk Classical
        ["Computer Science"] = [1, 1.5, 1.5, 8, 0.5, 1],
        ["Music"] = [1, 1, 0.5, 1, 2, 8],
        ["Biology"] = [8, 1, 1.5, 1, 2, 0.5],
        ["Business"] = [2, 1, 8, 1.5, 0.5, 0.5],
        ["Psychology"] = [2.5, 1, 1, 1, 6, 1],
        ["Mechanical Engineering"] = [1, 8, 1.5, 2, 0.5, 0.5],
        ["English Literature"] = [1, 2, 0.5, 0.5, 6, 3],
    };

    /// <summary>
    /// Within a genre, which songs a major prefers: a song's popularity weight is multiplied by
    /// exp(Σ strength × z), z being how far the song's feature lies from its genre's mean in units of the genre's spread.
    /// It acts on the choice of song, never on the features: a song sounds the same whoever names it.
    /// </summary>
    public static IReadOnlyDictionary<string, TasteLeaning[]> MajorTastes { get; } = new Dictionary<string, TasteLeaning[]>
    {
        ["Computer Science"] = [new(TasteFeature.Instrumentalness, 1.0), new(TasteFeature.Tempo, 0.5)],
        ["Music"] = [new(TasteFeature.Duration, 1.0), new(TasteFeature.Acousticness, 0.5)],
        ["Biology"] = [new(TasteFeature.Valence, 1.0), new(TasteFeature.Danceability, 0.5)],
        ["Business"] = [new(TasteFeature.Energy, 1.0), new(TasteFeature.Speechiness, 1.0)],
        ["Psychology"] = [new(TasteFeature.Valence, 1.0), new(TasteFeature.Danceability, 0.5)],
        ["Mechanical Engineering"] = [new(TasteFeature.Energy, 1.0), new(TasteFeature.Loudness, 1.0)],
        ["English Literature"] = [new(TasteFeature.Valence, -1.0), new(TasteFeature.Acousticness, 1.0)],
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
    private readonly string[] _majors = [.. MajorGenreWeights.Keys];
    private readonly string[] _genres = [.. GenreProfile.All.Select(p => p.Genre)];

    /// <summary>Per major and genre, the weight of each of the genre's songs: popularity times the major's taste.</summary>
    private readonly Dictionary<(string Major, string Genre), double[]> _songWeights = [];

    public DemoClassGenerator(int seed)
    {
        _seed = seed;
        Catalog = new DemoCatalog(seed);
        foreach (var major in _majors)
        {
            foreach (var profile in GenreProfile.All)
            {
                _songWeights[(major, profile.Genre)] = SongWeights(Catalog.SongsByGenre[profile.Genre], profile, MajorTastes[major]);
            }
        }
    }

    public DemoCatalog Catalog { get; }

    public DemoStudent Generate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Not HashCode.Combine: it is randomized per process, and the class must be the same in every run.
        var random = new Randomizer(unchecked((_seed * 1_000_003) + (index * 7_919) + 17));
        var faker = new Faker("en") { Random = random };

        var major = random.ArrayElement(_majors);
        var genre = Weighted(random, _genres, MajorGenreWeights[major]);
        var song = Weighted(random, Catalog.SongsByGenre[genre], _songWeights[(major, genre)]);

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

    /// <summary>Favourites are skewed (a few hits are named by many students, so twins exist), then tilted by the major's taste.</summary>
    private static double[] SongWeights(IReadOnlyList<DemoSong> songs, GenreProfile genre, TasteLeaning[] tastes) =>
        [.. songs.Select((song, rank) => Math.Exp(tastes.Sum(t => t.For(song, genre))) / Math.Pow(rank + 1, 0.8))];

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
