using Bogus;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Demo;

/// <summary>
/// A generated catalogue of fictional songs, <see cref="SongsPerGenre"/> per genre, whose audio
/// features are drawn from each genre's <see cref="GenreProfile"/>. The same seed always gives
/// the same catalogue.
/// </summary>
public sealed class DemoCatalog
{
    public const int SongsPerGenre = 20;

    private static readonly string[] TitleWords =
    [
        "Neon", "Harbor", "Paper", "Lantern", "Velvet", "Thunder", "Glass", "Orchard", "Midnight", "Satellite",
        "Copper", "Meadow", "Static", "River", "Echo", "Lighthouse", "Canyon", "Marble", "Saffron", "Tide",
        "Ember", "Signal", "Willow", "Comet", "Prism", "Harvest", "Circuit", "Hollow", "Sparrow", "Atlas",
    ];

    private static readonly string[] BandNouns =
    [
        "Orbits", "Lanterns", "Foxes", "Tides", "Parallels", "Wires", "Moths", "Pilots", "Embers", "Cartographers",
    ];

    public IReadOnlyList<DemoSong> Songs { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<DemoSong>> SongsByGenre { get; }

    public DemoCatalog(int seed)
    {
        var random = new Randomizer(seed);
        var faker = new Faker("en") { Random = random };
        var songs = new List<DemoSong>();
        foreach (var profile in GenreProfile.All)
        {
            for (var i = 0; i < SongsPerGenre; i++)
            {
                var words = random.ArrayElements(TitleWords, 2);
                var title = $"{words[0]} {words[1]}";
                var artist = random.Bool()
                    ? $"The {random.ArrayElement(TitleWords)} {random.ArrayElement(BandNouns)}"
                    : $"{faker.Name.FirstName()} {random.ArrayElement(TitleWords)}";
                var id = $"demo:{profile.Genre.ToLowerInvariant()}-{i:D2}";
                songs.Add(new DemoSong(id, title, artist, profile.Genre, DrawFeatures(profile, random)));
            }
        }

        Songs = songs;
        SongsByGenre = songs.GroupBy(s => s.Genre).ToDictionary(g => g.Key, g => (IReadOnlyList<DemoSong>)[.. g]);
    }

    private static AudioFeatures DrawFeatures(GenreProfile p, Randomizer random)
    {
        double Draw((double Mean, double Sd) d, double min, double max) =>
            Math.Round(Math.Clamp(d.Mean + d.Sd * StandardNormal(random), min, max), 4);

        return new AudioFeatures
        {
            Danceability = Draw(p.Danceability, 0, 1),
            Energy = Draw(p.Energy, 0, 1),
            Key = random.Number(0, 11),
            Loudness = Draw(p.Loudness, -60, 0),
            Mode = random.Double() < p.MajorModeProbability ? 1 : 0,
            Speechiness = Draw(p.Speechiness, 0, 1),
            Acousticness = Draw(p.Acousticness, 0, 1),
            Instrumentalness = Draw(p.Instrumentalness, 0, 1),
            Liveness = Draw(p.Liveness, 0, 1),
            Valence = Draw(p.Valence, 0, 1),
            Tempo = Math.Round(Draw(p.Tempo, 50, 220), 3),
            DurationMs = (int)(Draw(p.DurationSeconds, 60, 900) * 1000),
            TimeSignature = random.Double() < p.WaltzProbability ? 3 : 4,
        };
    }

    /// <summary>Box–Muller, on the seeded randomizer so the catalogue is reproducible.</summary>
    internal static double StandardNormal(Randomizer random)
    {
        var u1 = 1.0 - random.Double();
        var u2 = random.Double();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
