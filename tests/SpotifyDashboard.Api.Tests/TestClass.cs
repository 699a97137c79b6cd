namespace SpotifyDashboard.Api.Tests;

/// <summary>
/// Stored answers for the api tests: the demo class behind <see cref="TestSnapshots.DemoClass"/> (same ids, majors and
/// songs, with the raw name stored as <c>Privacy:StoreNames=true</c> would), and answers the analysis does not hold:
/// songs that look like HTML or spreadsheet formulas, accents, a pending and an unmatched song, and a superseded answer.
/// </summary>
public static class TestClass
{
    public static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    public const string Html = "<img src=x onerror=alert(1)>";
    public const string Hyperlink = "=HYPERLINK(\"http://x\")";

    private static readonly Pseudonymizer Names = new("api-tests");

    /// <summary>Song titles a spreadsheet would run, each of an extra answer (id → title).</summary>
    public static IReadOnlyDictionary<string, string> FormulaSongs { get; } = new Dictionary<string, string>
    {
        ["extra-hyperlink"] = Hyperlink,
        ["extra-at"] = "@SUM(1+1)",
        ["extra-plus"] = "+1 Plus Song",
        ["extra-minus"] = "-Minus Song",
        ["extra-tab"] = "\tTab Song",
        ["extra-cr"] = "\rCarriage Song",
    };

    public static EnrichedResponse Demo(int index)
    {
        var student = new DemoClassGenerator(TestSnapshots.DemoSeed).Generate(index);
        return new EnrichedResponse
        {
            Response = new SurveyResponse
            {
                Id = $"demo-{index:D6}",
                Source = "demo",
                SubmittedAt = Start.AddMinutes(index * 3),
                Student = Names.HandleFor(student.Name),
                Name = student.Name,
                Age = student.Age,
                Major = student.Major,
                Year = student.Year,
                Hometown = student.Hometown,
                FavoriteSong = student.Song.Title,
                Artist = student.Song.Artist,
                HoursPerDay = student.HoursPerDay,
                ListeningTime = student.ListeningTime,
            },
            Enrichment = EnrichmentState.Enriched,
            Track = student.Song.ToTrack(),
            Features = student.Song.Features,
        };
    }

    /// <summary>Answers outside the analysis; the superseded one is demo-000000's student answering earlier.</summary>
    public static IReadOnlyList<EnrichedResponse> Extras()
    {
        var first = Demo(0).Response;
        var extras = new List<EnrichedResponse>
        {
            Extra("extra-html", Html, "<b>Bold</b> & \"Quoted\"", "Music", "Junior", EnrichmentState.Pending, minute: 400),
            Extra("extra-accent", "Café Dançante", "Beyoncé Knowlés", "Biology", "Graduate", EnrichmentState.Unmatched, minute: 401),
            new()
            {
                Response = first with
                {
                    Id = "extra-superseded",
                    SubmittedAt = first.SubmittedAt.AddDays(-1),
                    FavoriteSong = "Old Favourite",
                    Artist = "Old Artist",
                    SupersededBy = first.Id,
                },
                Enrichment = EnrichmentState.Pending,
            },
        };
        var minute = 402;
        foreach (var (id, song) in FormulaSongs)
        {
            extras.Add(Extra(id, song, "Formula, Inc.", "=Business", "-Senior", EnrichmentState.Unmatched, minute++));
        }

        return extras;
    }

    public static IReadOnlyList<EnrichedResponse> All() => [.. Enumerable.Range(0, TestSnapshots.Students).Select(Demo), .. Extras()];

    public static async Task SaveAsync(IConnectionMultiplexer redis, IEnumerable<EnrichedResponse> responses)
    {
        var store = new SurveyResponseStore(redis);
        foreach (var response in responses)
        {
            await store.AddAsync(response, announce: false);
        }
    }

    private static EnrichedResponse Extra(string id, string song, string artist, string major, string year, EnrichmentState state, int minute)
    {
        var name = $"Extra Person {id}";
        return new EnrichedResponse
        {
            Response = new SurveyResponse
            {
                Id = id,
                Source = "demo",
                SubmittedAt = Start.AddMinutes(minute),
                Student = Names.HandleFor(name),
                Name = name,
                Major = major,
                Year = year,
                FavoriteSong = song,
                Artist = artist,
                HoursPerDay = null,
                ListeningTime = "@Late night",
            },
            Enrichment = state,
            EnrichmentNote = state == EnrichmentState.Unmatched ? "No match" : null,
        };
    }
}
