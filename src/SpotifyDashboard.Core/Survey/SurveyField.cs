namespace SpotifyDashboard.Core.Survey;

/// <summary>What the survey asks; the names used under <c>Survey:Columns</c>.</summary>
public enum SurveyField
{
    Timestamp,
    Name,
    Age,
    Major,
    Year,
    Hometown,
    Song,
    Artist,
    HoursPerDay,
    ListeningTime,
}

public static class SurveyFields
{
    /// <summary>Without these a row means nothing; a source lacking one of them is not read at all.</summary>
    public static IReadOnlyList<SurveyField> Required { get; } = [SurveyField.Timestamp, SurveyField.Song, SurveyField.Artist];
}
