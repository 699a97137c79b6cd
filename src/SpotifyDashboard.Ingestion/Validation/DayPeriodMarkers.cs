using System.Collections.Frozen;
using System.Globalization;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// The AM/PM marker of a 12-hour time as the languages of Google Forms write it: <c>AM</c>, <c>pm</c>, <c>a. m.</c>,
/// <c>p.m.</c>, <c>午後</c>, <c>오전</c>, <c>nachm.</c>… Compared without case, dots or spaces, so every spelling of
/// one marker is one key.
/// </summary>
public static class DayPeriodMarkers
{
    private static readonly FrozenDictionary<string, bool> IsAfternoonByKey = Build();

    /// <summary>Whether <paramref name="marker"/> is a known marker; <paramref name="afternoon"/> is true for PM.</summary>
    public static bool TryRead(string marker, out bool afternoon) => IsAfternoonByKey.TryGetValue(Key(marker), out afternoon);

    public static string Key(string marker)
    {
        var builder = new System.Text.StringBuilder(marker.Length);
        foreach (var c in marker.Normalize(System.Text.NormalizationForm.FormC))
        {
            if (!char.IsWhiteSpace(c) && c != '.' && c != '\u200F' && c != '\u200E')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static FrozenDictionary<string, bool> Build()
    {
        var found = new Dictionary<string, HashSet<bool>>(StringComparer.Ordinal);
        void Add(string marker, bool afternoon)
        {
            var key = Key(marker);
            if (key.Length > 0)
            {
                (found.TryGetValue(key, out var set) ? set : found[key] = []).Add(afternoon);
            }
        }

        // Spellings the runtime's cultures do not all have but Forms and Sheets write.
        foreach (var (am, pm) in new[]
        {
            ("am", "pm"), ("a. m.", "p. m."), ("vorm.", "nachm."), ("पूर्वाह्न", "अपराह्न"), ("午前", "午後"), ("上午", "下午"),
            ("오전", "오후"), ("ص", "م"), ("π.μ.", "μ.μ."), ("fm", "em"), ("de.", "du."), ("ÖÖ", "ÖS"), ("SA", "CH"),
        })
        {
            Add(am, false);
            Add(pm, true);
        }

        foreach (var culture in CultureInfo.GetCultures(CultureTypes.AllCultures))
        {
            Add(culture.DateTimeFormat.AMDesignator, false);
            Add(culture.DateTimeFormat.PMDesignator, true);
        }

        // A spelling that is AM in one language and PM in another says nothing: it is left out.
        return found.Where(f => f.Value.Count == 1).ToFrozenDictionary(f => f.Key, f => f.Value.Single(), StringComparer.Ordinal);
    }
}
