using SpotifyDashboard.Core.Survey;
namespace SpotifyDashboard.Ingestion.Mapping;

/// <summary>
/// Finds each field's column from the headers. Configured aliases (<c>Survey:Columns:&lt;Field&gt;</c>,
/// several separated by '|') beat built-in ones; an exact match beats a header that merely contains
/// the alias; a longer alias beats a shorter one. Each column serves one field at most.
/// </summary>
public sealed class HeaderMapper
{
    private readonly List<(SurveyField Field, string[] Phrase, bool Configured)> _aliases = [];

    public HeaderMapper(IReadOnlyDictionary<string, string>? configured = null)
    {
        foreach (var (key, value) in configured ?? new Dictionary<string, string>())
        {
            if (!Enum.TryParse<SurveyField>(key, ignoreCase: true, out var field))
            {
                continue;
            }

            foreach (var alias in value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                _aliases.Add((field, HeaderText.Words(alias), true));
            }
        }

        foreach (var (field, aliases) in BuiltInAliases.All)
        {
            _aliases.AddRange(aliases.Select(a => (field, HeaderText.Words(a), false)));
        }
    }

    /// <exception cref="HeaderMappingException">A required column is missing.</exception>
    public HeaderMapping Map(IReadOnlyList<string> headers)
    {
        var words = headers.Select(HeaderText.Words).ToArray();
        var candidates = new List<(int Score, SurveyField Field, int Column)>();
        for (var column = 0; column < headers.Count; column++)
        {
            foreach (var (field, phrase, configured) in _aliases)
            {
                var score = Score(words[column], field, phrase, configured);
                if (score > 0)
                {
                    candidates.Add((score, field, column));
                }
            }
        }

        var columns = new Dictionary<SurveyField, int>();
        var taken = new HashSet<int>();
        // Best matches first; ties go to the leftmost column (Forms puts the questions in order).
        foreach (var (_, field, column) in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Column))
        {
            if (!columns.ContainsKey(field) && !taken.Contains(column))
            {
                columns[field] = column;
                taken.Add(column);
            }
        }

        var missing = SurveyFields.Required.Where(f => !columns.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new HeaderMappingException(missing, headers);
        }

        return new HeaderMapping(headers, columns);
    }

    private static int Score(string[] header, SurveyField field, string[] phrase, bool configured)
    {
        var exact = header.AsSpan().SequenceEqual(phrase);
        if (!exact)
        {
            if (!HeaderText.ContainsPhrase(header, phrase))
            {
                return 0;
            }

            if (!configured && BuiltInAliases.Excluding.TryGetValue(field, out var excluded) && header.Any(excluded.Contains))
            {
                return 0;
            }
        }

        var length = phrase.Sum(w => w.Length + 1);
        return (configured ? 10_000 : 0) + (exact ? 1_000 : 0) + length;
    }
}
