namespace SpotifyDashboard.Api.Data;

/// <summary>
/// Text as the data grid compares it: lower case, accents and surrounding or repeated spaces dropped, every other
/// character kept (a search for "=hyper" or "&lt;img" must still find what it names).
/// </summary>
public static class TextSearch
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var space = char.IsWhiteSpace(c);
            if (!(space && lastWasSpace))
            {
                builder.Append(space ? ' ' : char.ToLowerInvariant(c));
            }

            lastWasSpace = space;
        }

        // Letters that do not decompose but people type without the stroke.
        return builder.ToString().Normalize(NormalizationForm.FormC)
            .Replace('ø', 'o').Replace('ł', 'l').Replace('đ', 'd').Replace("ß", "ss", StringComparison.Ordinal);
    }

    /// <summary>Trimmed, inner runs of spaces made one: how a name is shown when spellings are grouped.</summary>
    public static string Tidy(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
