using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Enrichment.Songs;

/// <summary>
/// Picks the search result that is the song the student meant. Title and artist are compared
/// after folding; karaoke, cover and similar re-recordings lose points unless the student asked
/// for one, so the original wins over "Song (Karaoke Version)".
/// </summary>
public static class TrackMatcher
{
    private const double TitleWeight = 0.6;
    private const double ArtistWeight = 0.4;
    private const double ImitationPenalty = 0.4;

    // Re-recordings that share the title and often the artist's name in the title or album.
    private static readonly string[] ImitationWords =
    [
        "karaoke", "cover", "covers", "tribute", "instrumental", "made famous by", "originally performed",
        "in the style of", "backing track", "lullaby", "8 bit", "piano version", "as made famous",
    ];

    public static (Track Track, double Score)? Best(string title, string artist, IReadOnlyList<Track> candidates, double threshold)
    {
        (Track Track, double Score)? best = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            // Spotify orders by relevance: among equals, the earlier result wins.
            var score = Score(title, artist, candidates[i]) - (i * 0.001);
            if (best is null || score > best.Value.Score)
            {
                best = (candidates[i], score);
            }
        }

        return best is { } found && found.Score >= threshold ? found : null;
    }

    public static double Score(string title, string artist, Track candidate)
    {
        var titleScore = Similarity(TextFolding.Title(title), TextFolding.Title(candidate.Name));
        var wantedArtist = TextFolding.Basic(artist);
        var artistScore = candidate.Artists.Count == 0
            ? 0
            : Math.Max(
                candidate.Artists.Max(a => Similarity(wantedArtist, TextFolding.Basic(a))),
                Similarity(wantedArtist, TextFolding.Basic(string.Join(" ", candidate.Artists))));
        var score = (TitleWeight * titleScore) + (ArtistWeight * artistScore);

        var requested = $" {TextFolding.Basic(title)} {wantedArtist} ";
        var offered = $" {TextFolding.Basic(candidate.Name)} {TextFolding.Basic(candidate.Album)} {TextFolding.Basic(string.Join(" ", candidate.Artists))} ";
        // A re-recording nobody asked for loses, and so does the original when one was asked for.
        if (ImitationWords.Any(w => offered.Contains($" {w} ", StringComparison.Ordinal) != requested.Contains($" {w} ", StringComparison.Ordinal)))
        {
            score -= ImitationPenalty;
        }

        return score;
    }

    /// <summary>
    /// 1 for equal strings; otherwise the better of edit-distance similarity and how many of the
    /// wanted words the offer contains (so "Song - Live at Wembley" still resembles "Song").
    /// </summary>
    public static double Similarity(string wanted, string offered)
    {
        if (wanted.Length == 0 || offered.Length == 0)
        {
            return 0;
        }

        if (wanted == offered)
        {
            return 1;
        }

        var edit = 1.0 - ((double)Levenshtein(wanted, offered) / Math.Max(wanted.Length, offered.Length));
        var wantedWords = wanted.Split(' ');
        var offeredWords = offered.Split(' ').ToHashSet();
        var containment = (double)wantedWords.Count(offeredWords.Contains) / wantedWords.Length;
        return Math.Max(edit, 0.85 * containment);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
