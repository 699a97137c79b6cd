using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// Checks one row against the mapped columns and collects every problem at once, so a person
/// fixing the sheet sees them all. Unmapped columns (e.g. an e-mail column) are ignored.
/// </summary>
public sealed class RowValidator(TimestampParser timestamps)
{
    public RowValidator(SurveyOptions options)
        : this(new TimestampParser(options.GetCulture(), options.GetTimeZone(), options.DateOrder))
    {
    }

    /// <summary>How this validator reads day and month.</summary>
    public DateOrderChoice DateOrder => timestamps.Order;

    /// <summary>
    /// A validator for the rows of <paramref name="table"/>: day and month are read in the order its timestamp column
    /// shows, the same for every row. <see cref="DateOrder"/> says which and why.
    /// </summary>
    public RowValidator ForTable(SurveyTable table, HeaderMapping mapping) =>
        new(timestamps.ForColumn(table.Rows.Select(row => mapping.Cell(row.Cells, SurveyField.Timestamp))));

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
            if (TextCleaner.LimitProblem(text) is { } problem)
            {
                reasons.Add($"{field} {problem}");
                return "";
            }

            return text;
        }

        var song = Text(SurveyField.Song);
        var artist = Text(SurveyField.Artist);
        var timestampText = Text(SurveyField.Timestamp);
        var name = Text(SurveyField.Name);
        var major = ChoiceList.Join(Text(SurveyField.Major));
        var year = CategoryNormalizer.Year(ChoiceList.Join(Text(SurveyField.Year)));
        var hometown = Text(SurveyField.Hometown);
        var listening = CategoryNormalizer.ListeningTime(ChoiceList.Join(Text(SurveyField.ListeningTime)));

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

        // Id, source and the pseudonym handle are the ingestor's to set; the raw name never leaves it.
        return reasons.Count > 0
            ? new RowCheck(null, reasons)
            : new RowCheck(
                new SurveyResponse
                {
                    Id = "",
                    Source = "",
                    Student = "",
                    SubmittedAt = submittedAt,
                    Name = name,
                    Age = age,
                    Major = major,
                    Year = year,
                    Hometown = hometown,
                    FavoriteSong = song,
                    Artist = artist,
                    HoursPerDay = hours,
                    ListeningTime = listening,
                },
                []);
    }
}

/// <summary>Either the row's answer, cleaned and normalized, or every reason the row cannot be used.</summary>
public sealed record RowCheck(SurveyResponse? Row, IReadOnlyList<string> Reasons)
{
    public bool IsValid => Row is not null;
}
