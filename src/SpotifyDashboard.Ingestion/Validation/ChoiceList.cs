namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// A several-choice (checkbox) answer: the Forms download joins the choices with <c>;</c> (<c>Cost;Travel time</c>),
/// the linked Sheet with <c>, </c>. Both become <c>Cost, Travel time</c>, so one answer is one value whatever the
/// source. Only choice questions go through here: a song title may hold a <c>;</c> of its own.
/// </summary>
public static class ChoiceList
{
    public const string Separator = ", ";

    public static string Join(string text) =>
        text.Contains(';', StringComparison.Ordinal)
            ? string.Join(Separator, text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : text;
}
