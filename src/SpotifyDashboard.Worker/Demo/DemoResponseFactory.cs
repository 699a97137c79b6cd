using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;

namespace SpotifyDashboard.Worker.Demo;

/// <summary>Turns a generated student into a stored response. Demo songs carry their own features, so no network is needed.</summary>
public sealed class DemoResponseFactory(DemoClassGenerator generator, NamePolicy pseudonyms)
{
    public const string SourceName = "demo";

    public EnrichedResponse Create(int index, DateTimeOffset submittedAt)
    {
        var student = generator.Generate(index);
        var response = new SurveyResponse
        {
            Id = $"demo-{index:D6}",
            Source = SourceName,
            SubmittedAt = submittedAt,
            Student = pseudonyms.Pseudonymizer.HandleFor(student.Name),
            Name = pseudonyms.StoreNames ? student.Name : null,
            Age = student.Age,
            Major = student.Major,
            Year = student.Year,
            Hometown = student.Hometown,
            FavoriteSong = student.Song.Title,
            Artist = student.Song.Artist,
            HoursPerDay = student.HoursPerDay,
            ListeningTime = student.ListeningTime,
        };
        return new EnrichedResponse
        {
            Response = response,
            Enrichment = EnrichmentState.Enriched,
            Track = student.Song.ToTrack(),
            Features = student.Song.Features,
        };
    }
}
