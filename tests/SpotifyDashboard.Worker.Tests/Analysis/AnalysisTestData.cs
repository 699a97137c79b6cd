using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Worker.Tests.Analysis;

/// <summary>Enriched demo responses of the "demo" source, built straight from the demo class generator.</summary>
public static class AnalysisTestData
{
    private static readonly DemoClassGenerator Generator = new(42);
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    public static EnrichedResponse Enriched(int index, string source = "demo")
    {
        var student = Generator.Generate(index);
        return new EnrichedResponse
        {
            Response = new SurveyResponse
            {
                Id = $"{source}-{index:D4}",
                Source = source,
                SubmittedAt = Start.AddMinutes(index),
                Student = $"Handle {index}",
                Major = student.Major,
                FavoriteSong = student.Song.Title,
                Artist = student.Song.Artist,
            },
            Enrichment = EnrichmentState.Enriched,
            Track = student.Song.ToTrack(),
            Features = student.Song.Features,
        };
    }

    public static EnrichedResponse Pending(int index) => Enriched(index) with { Enrichment = EnrichmentState.Pending, Track = null, Features = null };

    public static EnrichedResponse Unmatched(int index) => Enriched(index) with { Enrichment = EnrichmentState.Unmatched, Track = null, Features = null };

    public static EnrichedResponse SupersededBy(int index, string laterId)
    {
        var response = Enriched(index);
        return response with { Response = response.Response with { SupersededBy = laterId } };
    }
}
