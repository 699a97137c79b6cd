using System.Globalization;
using System.Text;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// Cell text as stored: Unicode NFC (so "é" typed two ways is one value), line breaks and tabs
/// turned into spaces, other control characters and stray BOMs removed, runs of spaces collapsed,
/// trimmed. Emoji (including joiners and variation selectors) are kept.
/// </summary>
public static class TextCleaner
{
    public const int MaxLength = 200;

    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }

        if (IsAlreadyClean(raw))
        {
            // Most cells are: skip the copy (this runs for every cell of every row).
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c == '\uFEFF' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsAlreadyClean(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            if (c < ' ' || c == '\u007F' || c == '\uFEFF' || (c > '\u007F' && !char.IsLetterOrDigit(c) && !char.IsPunctuation(c) && !char.IsSymbol(c) && c != ' ' && !char.IsSurrogate(c)))
            {
                return false;
            }

            var space = c == ' ';
            if (space && previousSpace)
            {
                return false;
            }

            previousSpace = space;
        }

        return text.IsNormalized(NormalizationForm.FormC);
    }

    /// <summary>Length as people count it: an emoji or an accented letter is one.</summary>
    public static int VisibleLength(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Whether the text is over <see cref="MaxLength"/> as people count it; cheap for short text.</summary>
    public static bool IsTooLong(string text) => text.Length > MaxLength && VisibleLength(text) > MaxLength;

    /// <summary>
    /// What a screen must hold, beyond what a person sees: one letter under thousands of stacked accents counts as
    /// one character yet smears over the rows around it. Nobody types more than this many code points for a title,
    /// a name or a town (an emoji family is 7, a flag 2).
    /// </summary>
    public const int MaxCodePoints = 3 * MaxLength;

    /// <summary>Combining marks on one character: Vietnamese, Hebrew points or a keycap emoji need up to 3 or 4.</summary>
    public const int MaxMarksPerCharacter = 4;

    /// <summary>
    /// Why cleaned text cannot be shown as it is (too long, too many code points, or accents stacked on one
    /// character), worded to follow the field's name; null when it is fine.
    /// </summary>
    public static string? LimitProblem(string text)
    {
        var codePoints = 0;
        var marks = false;
        foreach (var c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                codePoints++;
            }

            marks |= c >= '\u0300' && IsMark(CharUnicodeInfo.GetUnicodeCategory(c));
        }

        if (IsTooLong(text))
        {
            return $"is {VisibleLength(text)} characters long (the limit is {MaxLength})";
        }

        if (marks && MostMarksOnOneCharacter(text) is var most && most > MaxMarksPerCharacter)
        {
            return $"stacks {most} accent marks on one character (at most {MaxMarksPerCharacter}): it would spill over the rows around it";
        }

        return codePoints > MaxCodePoints ? $"holds {codePoints} code points (the limit is {MaxCodePoints})" : null;
    }

    private static int MostMarksOnOneCharacter(string text)
    {
        var most = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            most = Math.Max(most, elements.GetTextElement().EnumerateRunes().Count(rune => IsMark(Rune.GetUnicodeCategory(rune))));
        }

        return most;
    }

    private static bool IsMark(UnicodeCategory category) => category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;
}
