namespace SpotifyDashboard.Core.Survey;

/// <summary>
/// One accepted answer to the survey, as stored. <see cref="Student"/> is a pseudonym; the raw
/// name is only kept in <see cref="Name"/> when <c>Privacy:StoreNames=true</c>.
/// </summary>
public sealed record SurveyResponse
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string Student { get; init; }
    public string? Name { get; init; }
    public int? Age { get; init; }
    public string Major { get; init; } = "";
    public string Year { get; init; } = "";
    public string Hometown { get; init; } = "";
    public required string FavoriteSong { get; init; }
    public required string Artist { get; init; }
    public double? HoursPerDay { get; init; }
    public string ListeningTime { get; init; } = "";

    /// <summary>
    /// Set when the same student submitted again later: the id of that later response. The
    /// earlier answer is kept, but only the latest counts for analysis.
    /// </summary>
    public string? SupersededBy { get; init; }
}
