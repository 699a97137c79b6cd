namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>A row that passed validation, cleaned and normalized; the name is still raw here and never leaves the ingestor.</summary>
public sealed record ValidRow(
    DateTimeOffset SubmittedAt,
    string Name,
    int? Age,
    string Major,
    string Year,
    string Hometown,
    string Song,
    string Artist,
    double? HoursPerDay,
    string ListeningTime);

/// <summary>Either a <see cref="ValidRow"/> or every reason the row cannot be used.</summary>
public sealed record RowCheck(ValidRow? Row, IReadOnlyList<string> Reasons)
{
    public bool IsValid => Row is not null;
}
