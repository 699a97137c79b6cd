using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Tests.Demo;

public class DemoClassGeneratorTests
{
    private static readonly DemoClassGenerator Generator = new(seed: 42);

    [Fact]
    public void SameSeedGivesTheSameClass()
    {
        var other = new DemoClassGenerator(seed: 42);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(Generator.Generate(i), other.Generate(i));
        }
    }

    [Fact]
    public void StudentDependsOnlyOnSeedAndIndex()
    {
        var late = new DemoClassGenerator(seed: 42).Generate(37);
        Assert.Equal(Generator.Generate(37), late);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentClasses()
    {
        var other = new DemoClassGenerator(seed: 7);
        var same = Enumerable.Range(0, 50).Count(i => Generator.Generate(i).Name == other.Generate(i).Name);
        Assert.True(same < 5, $"{same} of 50 names agree across seeds");
    }

    [Fact]
    public void EveryFieldOfEveryStudentIsValid()
    {
        for (var i = 0; i < 500; i++)
        {
            var s = Generator.Generate(i);
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
            Assert.InRange(s.Age, 17, 30);
            Assert.Contains(s.Major, DemoClassGenerator.MajorGenreWeights.Keys);
            Assert.Contains(s.Year, new[] { "Freshman", "Sophomore", "Junior", "Senior", "Graduate" });
            Assert.Matches(@"^.+, [A-Z]{2}$", s.Hometown);
            Assert.InRange(s.HoursPerDay, 0.5, 12);
            Assert.Contains(s.ListeningTime, new[] { "Morning", "Afternoon", "Evening", "Late night", "All day" });
            Assert.Contains(s.Song, Generator.Catalog.Songs);
        }
    }

    [Fact]
    public void FeaturesStayInsideTheirDocumentedRanges()
    {
        foreach (var song in Generator.Catalog.Songs)
        {
            var f = song.Features;
            Assert.True(f.IsComplete, $"{song.Id} misses a feature");
            foreach (var unit in new[] { f.Danceability, f.Energy, f.Speechiness, f.Acousticness, f.Instrumentalness, f.Liveness, f.Valence })
            {
                Assert.InRange(unit!.Value, 0, 1);
            }

            Assert.InRange(f.Key!.Value, 0, 11);
            Assert.InRange(f.Loudness!.Value, -60, 0);
            Assert.InRange(f.Mode!.Value, 0, 1);
            Assert.InRange(f.Tempo!.Value, 50, 220);
            Assert.InRange(f.DurationMs!.Value, 60_000, 900_000);
            Assert.InRange(f.TimeSignature!.Value, 3, 7);
        }
    }

    [Fact]
    public void SongsAreMarkedFictional()
    {
        Assert.All(Generator.Catalog.Songs, s =>
        {
            Assert.StartsWith("demo:", s.Id);
            Assert.Equal("demo", s.ToTrack().FeatureSource);
        });
    }

    [Fact]
    public void GenresAreSeparableInFeatureSpace()
    {
        double Mean(string genre, Func<AudioFeatures, double?> feature) =>
            Generator.Catalog.SongsByGenre[genre].Average(s => feature(s.Features)!.Value);

        // Each pair of genres must differ clearly in at least one feature (in units of that feature's spread).
        var genres = GenreProfile.All.Select(p => p.Genre).ToArray();
        Func<AudioFeatures, double?>[] features =
            [f => f.Danceability, f => f.Energy, f => f.Loudness / 10, f => f.Speechiness * 3, f => f.Acousticness, f => f.Instrumentalness, f => f.Tempo / 40];
        foreach (var a in genres)
        {
            foreach (var b in genres.Where(g => string.CompareOrdinal(g, a) > 0))
            {
                var separation = features.Max(f => Math.Abs(Mean(a, f) - Mean(b, f)));
                Assert.True(separation > 0.15, $"{a} and {b} differ by only {separation:F3}");
            }
        }
    }

    [Fact]
    public void MajorsLeanTowardsTheirGenres()
    {
        var students = Enumerable.Range(0, 2000).Select(Generator.Generate).ToList();
        var musicMajors = students.Where(s => s.Major == "Music").ToList();
        var business = students.Where(s => s.Major == "Business").ToList();
        double Share(List<DemoStudent> group, string genre) => group.Count(s => s.Song.Genre == genre) / (double)group.Count;

        Assert.True(Share(musicMajors, "Classical") > 2 * Share(business, "Classical"));
        Assert.True(Share(business, "Hip-Hop") > 2 * Share(musicMajors, "Hip-Hop"));
    }

    [Fact]
    public void PopularSongsAreSharedSoTwinsExist()
    {
        var songs = Enumerable.Range(0, 50).Select(i => Generator.Generate(i).Song.Id).ToList();
        Assert.True(songs.Distinct().Count() < songs.Count, "no two of 50 students share a song");
    }
}
