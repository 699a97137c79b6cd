using System.Globalization;
using System.Text;

namespace SpotifyDashboard.Ingestion.Mapping;

/// <summary>
/// Headers compared as words: "What's your FAVOURITE song?" → "what s your favourite song";
/// "Canción" → "cancion". Case, accents and punctuation do not matter.
/// </summary>
public static class HeaderText
{
    public static string[] Words(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static string Key(string text) => string.Join(' ', Words(text));

    /// <summary>Whether <paramref name="phrase"/> appears in <paramref name="words"/> as whole consecutive words.</summary>
    public static bool ContainsPhrase(string[] words, string[] phrase)
    {
        if (phrase.Length == 0 || phrase.Length > words.Length)
        {
            return false;
        }

        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            if (words.AsSpan(start, phrase.Length).SequenceEqual(phrase))
            {
                return true;
            }
        }

        return false;
    }
}
