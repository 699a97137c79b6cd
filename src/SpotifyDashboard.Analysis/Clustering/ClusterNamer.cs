namespace SpotifyDashboard.Analysis.Clustering;

/// <summary>
/// Names a cluster after the two features whose centroid lies furthest from the class mean (in standard
/// deviations; recording-like features count 0.6×), e.g. "High energy · danceable" or "Acoustic · mellow". Key and time signature are not
/// descriptive and never name a cluster. A centroid within 0.25 SD of the mean everywhere is "Middle of the road".
/// Duplicate names get the next most distinctive feature added.
/// </summary>
public static class ClusterNamer
{
    private const double Distinctive = 0.25;

    // Liveness, mode, loudness and duration describe a recording more than a taste: they name a cluster only when clearly further out.
    private static readonly HashSet<string> Secondary = ["liveness", "mode", "loudness", "duration_ms"];

    private static readonly Dictionary<string, (string High, string Low)> Words = new()
    {
        ["energy"] = ("High energy", "Calm"),
        ["danceability"] = ("Danceable", "Not for dancing"),
        ["acousticness"] = ("Acoustic", "Electric"),
        ["valence"] = ("Upbeat", "Mellow"),
        ["tempo"] = ("Fast", "Slow"),
        ["speechiness"] = ("Wordy", "Melodic"),
        ["instrumentalness"] = ("Instrumental", "Vocal"),
        ["loudness"] = ("Loud", "Quiet"),
        ["liveness"] = ("Live", "Studio"),
        ["duration_ms"] = ("Long tracks", "Short tracks"),
        ["mode"] = ("Major key", "Minor key"),
    };

    /// <param name="profiles">Per cluster, (feature, z-score of the centroid).</param>
    public static IReadOnlyList<string> Name(IReadOnlyList<IReadOnlyList<(string Feature, double Z)>> profiles)
    {
        var ranked = profiles
            .Select(p => p.Where(f => Words.ContainsKey(f.Feature) && Math.Abs(f.Z) >= Distinctive)
                .OrderByDescending(f => Math.Abs(f.Z) * (Secondary.Contains(f.Feature) ? 0.6 : 1)).ThenBy(f => f.Feature, StringComparer.Ordinal)
                .Select(f => f.Z > 0 ? Words[f.Feature].High : Words[f.Feature].Low)
                .ToList())
            .ToList();

        var names = ranked.Select(words => Compose(words, 2)).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var take = 3;
            while (names.Take(i).Contains(names[i]))
            {
                names[i] = take <= ranked[i].Count ? Compose(ranked[i], take) : $"{Compose(ranked[i], 2)} ({i + 1})";
                take++;
            }
        }

        return names;
    }

    private static string Compose(List<string> words, int count)
    {
        if (words.Count == 0)
        {
            return "Middle of the road";
        }

        var parts = words.Take(count).Select((w, i) => i == 0 ? w : w.ToLowerInvariant());
        return string.Join(" · ", parts);
    }
}
