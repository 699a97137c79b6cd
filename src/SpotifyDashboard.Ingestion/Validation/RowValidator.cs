using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Options;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// Checks one row against the mapped columns and collects every problem at once, so a person
/// fixing the sheet sees them all. Unmapped columns (e.g. an e-mail column) are ignored.
/// </summary>
public sealed class RowValidator(TimestampParser timestamps)
{
    public RowValidator(SurveyIngestionOptions options)
        : this(new TimestampParser(options.GetCulture(), options.GetTimeZone()))
    {
    }

    public RowCheck Validate(IReadOnlyList<string> cells, HeaderMapping mapping)
    {
        if (cells.All(string.IsNullOrWhiteSpace))
        {
            return new RowCheck(null, ["the row is empty"]);
        }

        var reasons = new List<string>();
        string Text(SurveyField field)
        {
            var text = TextCleaner.Clean(mapping.Cell(cells, field));
            if (TextCleaner.IsTooLong(text))
            {
                reasons.Add($"{field} is {TextCleaner.VisibleLength(text)} characters long (the limit is {TextCleaner.MaxLength})");
                return "";
            }

            return text;
        }

        var song = Text(SurveyField.Song);
        var artist = Text(SurveyField.Artist);
        var timestampText = Text(SurveyField.Timestamp);
        var name = Text(SurveyField.Name);
        var major = Text(SurveyField.Major);
        var year = CategoryNormalizer.Year(Text(SurveyField.Year));
        var hometown = Text(SurveyField.Hometown);
        var listening = CategoryNormalizer.ListeningTime(Text(SurveyField.ListeningTime));

        if (song.Length == 0 && !reasons.Any(r => r.StartsWith(nameof(SurveyField.Song), StringComparison.Ordinal)))
        {
            reasons.Add("no song");
        }

        if (artist.Length == 0 && !reasons.Any(r => r.StartsWith(nameof(SurveyField.Artist), StringComparison.Ordinal)))
        {
            reasons.Add("no artist");
        }

        DateTimeOffset submittedAt = default;
        if (!reasons.Any(r => r.StartsWith(nameof(SurveyField.Timestamp), StringComparison.Ordinal))
            && !timestamps.TryParse(timestampText, out submittedAt, out var timestampProblem))
        {
            reasons.Add(timestampProblem!);
        }

        if (!NumberParsers.TryParseAge(Text(SurveyField.Age), out var age, out var ageProblem))
        {
            reasons.Add(ageProblem!);
        }

        if (!NumberParsers.TryParseHours(Text(SurveyField.HoursPerDay), out var hours, out var hoursProblem))
        {
            reasons.Add(hoursProblem!);
        }

        return reasons.Count > 0
            ? new RowCheck(null, reasons)
            : new RowCheck(new ValidRow(submittedAt, name, age, major, year, hometown, song, artist, hours, listening), []);
    }
}
