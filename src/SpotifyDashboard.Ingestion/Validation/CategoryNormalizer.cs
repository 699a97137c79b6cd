using SpotifyDashboard.Ingestion.Mapping;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// Free-text answers mapped to the categories the dashboard groups by ("1st year" → Freshman,
/// "at night" → Late night). Text that matches no category, or more than one, is kept as given.
/// </summary>
public static class CategoryNormalizer
{
    private static readonly (string Category, string[][] Phrases)[] Years = Build(
    [
        ("Freshman", ["freshman", "freshmen", "fresher", "first year", "1st year", "year 1", "1st", "1", "first"]),
        ("Sophomore", ["sophomore", "second year", "2nd year", "year 2", "2nd", "2", "second"]),
        ("Junior", ["junior", "third year", "3rd year", "year 3", "3rd", "3", "third"]),
        ("Senior", ["senior", "fourth year", "4th year", "year 4", "4th", "4", "fourth", "final year", "last year"]),
        ("Graduate", ["graduate", "grad", "grad student", "graduate student", "postgraduate", "postgrad", "masters", "master",
            "msc", "phd", "doctoral", "doctorate"]),
    ]);

    private static readonly (string Category, string[][] Phrases)[] ListeningTimes = Build(
    [
        ("Morning", ["morning", "mornings", "early morning", "in the morning"]),
        ("Afternoon", ["afternoon", "afternoons", "midday", "noon", "lunch"]),
        ("Evening", ["evening", "evenings", "after dinner", "dusk"]),
        ("Late night", ["late night", "night", "nights", "at night", "midnight", "late"]),
        ("All day", ["all day", "all the time", "always", "anytime", "any time", "constantly", "whole day", "all day long"]),
    ]);

    // Answers repeat a lot (a class has a handful of distinct years), so results are remembered, up to a bound.
    private const int CacheLimit = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> YearCache = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ListeningTimeCache = new();

    public static string Year(string text) => Cached(YearCache, text, Years);

    public static string ListeningTime(string text) => Cached(ListeningTimeCache, text, ListeningTimes);

    private static string Cached(System.Collections.Concurrent.ConcurrentDictionary<string, string> cache, string text, (string Category, string[][] Phrases)[] categories)
    {
        if (cache.TryGetValue(text, out var known))
        {
            return known;
        }

        var result = Normalize(text, categories);
        if (cache.Count < CacheLimit)
        {
            cache.TryAdd(text, result);
        }

        return result;
    }

    private static string Normalize(string text, (string Category, string[][] Phrases)[] categories)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var words = HeaderText.Words(text);
        if (Exact(words, categories) is { } exact)
        {
            return exact;
        }

        // Several choices ("Morning, Evening"): each named exactly is that category; kept in the order given.
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1 && parts.Select(p => Exact(HeaderText.Words(p), categories)).ToList() is var named && named.All(n => n is not null))
        {
            return string.Join(ChoiceList.Separator, named.Distinct());
        }

        // "I'm a sophomore" → Sophomore; but "mornings and evenings" names two, so it stays as typed.
        // Bare digits only count as an exact answer ("2"), never inside a sentence.
        var found = categories
            .Where(c => c.Phrases.Any(p => !p.All(w => w.All(char.IsDigit)) && HeaderText.ContainsPhrase(words, p)))
            .Select(c => c.Category)
            .Distinct()
            .ToList();
        return found.Count == 1 ? found[0] : text;
    }

    private static string? Exact(string[] words, (string Category, string[][] Phrases)[] categories)
    {
        var key = string.Join(' ', words);
        return categories.FirstOrDefault(c => c.Phrases.Any(p => string.Join(' ', p) == key)).Category;
    }

    private static (string, string[][])[] Build((string Category, string[] Phrases)[] source) =>
        [.. source.Select(s => (s.Category, s.Phrases.Select(HeaderText.Words).ToArray()))];
}
