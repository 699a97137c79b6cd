using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.Enrichment.Songs;

/// <summary>
/// Folds song titles and artist names to the form people mean: case, accents, punctuation,
/// "feat. …" guests and release decorations such as "(Remastered 2011)" do not tell songs apart.
/// </summary>
public static partial class TextFolding
{
    /// <summary>Lower case, no accents, guests dropped, punctuation to spaces, single spaces.</summary>
    public static string Basic(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var folded = RemoveAccents(text.Trim().ToLowerInvariant());
        folded = BracketedGuests().Replace(folded, " ");
        folded = TrailingGuests().Replace(folded, " ");
        folded = folded.Replace("&", " and ", StringComparison.Ordinal);
        folded = NonWordCharacters().Replace(folded, " ");
        return Spaces().Replace(folded, " ").Trim();
    }

    /// <summary><see cref="Basic"/> plus release decorations removed, for comparing titles.</summary>
    public static string Title(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "";
        }

        var text = RemoveAccents(title.Trim().ToLowerInvariant());
        text = BracketedDecoration().Replace(text, " ");
        text = DashedDecoration().Replace(text, " ");
        return Basic(text);
    }

    private static string RemoveAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        // Letters that do not decompose but people type without the stroke.
        return builder.ToString().Normalize(NormalizationForm.FormC)
            .Replace('ø', 'o').Replace('ł', 'l').Replace('đ', 'd').Replace("ß", "ss", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[\(\[][^\)\]]*\b(feat|ft|featuring|with)\b\.?[^\)\]]*[\)\]]")]
    private static partial Regex BracketedGuests();

    [GeneratedRegex(@"\s(feat|ft|featuring)\b\.?\s.*$")]
    private static partial Regex TrailingGuests();

    [GeneratedRegex(@"[\(\[][^\)\]]*\b(remaster(ed)?|version|edit|mono|stereo|mix|deluxe|anniversary|bonus|single|explicit|clean)\b[^\)\]]*[\)\]]")]
    private static partial Regex BracketedDecoration();

    [GeneratedRegex(@"\s[-–—]\s.*\b(remaster(ed)?|version|edit|mono|stereo|mix|single|deluxe|anniversary)\b.*$")]
    private static partial Regex DashedDecoration();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWordCharacters();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
