namespace SpotifyDashboard.Api.Data;

/// <summary><c>GET /api/overview</c> made from a <see cref="ClassTable"/>: counts, distributions, top songs and artists, audio profile.</summary>
public static class ClassOverviewBuilder
{
    public const int TopCount = 10;

    /// <summary>Hours per day fall in 1-hour bins from 0; everything from this many hours on shares one last bin.</summary>
    public const int OpenBinFrom = 12;

    /// <summary>The upper edge of the open bin: nobody listens more than a day a day.</summary>
    public const double OpenBinTo = 24;

    private static readonly int[] RadarIndexes = [.. AudioProfile.RadarFeatures.Select(f =>
        AudioFeatures.Names.ToList().IndexOf(f) is >= 0 and var index ? index : throw new InvalidOperationException($"'{f}' is not one of the 13 audio features."))];

    public static ClassOverview From(ClassTable view)
    {
        var current = view.Responses.Current;
        return new ClassOverview(
            view.Source,
            view.Responses.Stored,
            current.Count,
            current.Count(r => r.Enrichment == EnrichmentState.Enriched),
            current.Count(r => r.Enrichment == EnrichmentState.Pending),
            current.Count(r => r.Enrichment == EnrichmentState.Unmatched),
            Categories(current.Select(r => r.Response.Major)),
            Categories(current.Select(r => r.Response.Year)),
            Categories(current.Select(r => r.Response.ListeningTime)),
            HoursPerDay(current),
            TopSongs(current),
            TopArtists(current),
            Profile(current),
            Headline(view));
    }

    private static List<CategoryCount> Categories(IEnumerable<string> values) =>
        [.. values
            .Select(TextSearch.Tidy)
            .Where(v => v.Length > 0)
            .GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => new CategoryCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];

    private static List<HistogramBin> HoursPerDay(IReadOnlyList<EnrichedResponse> current)
    {
        var hours = current
            .Select(r => r.Response.HoursPerDay)
            .Where(h => h is not null && double.IsFinite(h.Value))
            .Select(h => Math.Max(h!.Value, 0))
            .ToList();
        if (hours.Count == 0)
        {
            return [];
        }

        var lastBin = Math.Min((int)Math.Floor(hours.Max()), OpenBinFrom);
        var counts = new int[lastBin + 1];
        foreach (var h in hours)
        {
            counts[Math.Min((int)Math.Floor(h), OpenBinFrom)]++;
        }

        return [.. counts.Select((count, i) => new HistogramBin(i, i == OpenBinFrom ? OpenBinTo : i + 1, count))];
    }

    /// <summary>Spellings of one song grouped (case, spaces and accents ignored), shown as most students typed it.</summary>
    private static List<RankedSong> TopSongs(IReadOnlyList<EnrichedResponse> current) =>
        [.. current
            .Where(r => TextSearch.Tidy(r.Response.FavoriteSong).Length > 0)
            .GroupBy(r => $"{TextSearch.Fold(r.Response.FavoriteSong)}\u001f{TextSearch.Fold(r.Response.Artist)}", StringComparer.Ordinal)
            .Select(g =>
            {
                var (song, artist) = MostCommon(g.Select(r => (TextSearch.Tidy(r.Response.FavoriteSong), TextSearch.Tidy(r.Response.Artist))));
                return new RankedSong(song, artist, Students(g));
            })
            .OrderByDescending(s => s.Students).ThenBy(s => s.Song, StringComparer.Ordinal).ThenBy(s => s.Artist, StringComparer.Ordinal)
            .Take(TopCount)];

    private static List<CategoryCount> TopArtists(IReadOnlyList<EnrichedResponse> current) =>
        [.. current
            .Where(r => TextSearch.Tidy(r.Response.Artist).Length > 0)
            .GroupBy(r => TextSearch.Fold(r.Response.Artist), StringComparer.Ordinal)
            .Select(g => new CategoryCount(MostCommon(g.Select(r => TextSearch.Tidy(r.Response.Artist))), Students(g)))
            .OrderByDescending(a => a.Count).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(TopCount)];

    /// <summary>Each student once, even if the store held two current answers of theirs.</summary>
    private static int Students(IEnumerable<EnrichedResponse> answers) =>
        answers.Select(r => r.Response.Student).Distinct(StringComparer.Ordinal).Count();

    private static T MostCommon<T>(IEnumerable<T> spellings) =>
        spellings
            .GroupBy(s => s)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key!.ToString(), StringComparer.Ordinal)
            .First().Key;

    private static AudioProfile Profile(IReadOnlyList<EnrichedResponse> current)
    {
        var enriched = current.Where(r => r.Enrichment == EnrichmentState.Enriched && r.Features is not null).ToList();
        var features = AudioProfile.RadarFeatures;
        return new AudioProfile(
            features,
            enriched.Count,
            Means(enriched),
            [.. enriched
                .Where(r => TextSearch.Tidy(r.Response.Major).Length > 0)
                .GroupBy(r => TextSearch.Tidy(r.Response.Major), StringComparer.Ordinal)
                .Select(g => new MajorProfile(g.Key, g.Count(), Means([.. g])))
                .OrderByDescending(m => m.Students).ThenBy(m => m.Major, StringComparer.Ordinal)]);
    }

    /// <summary>Each radar feature's mean over the answers that have it; 0 when none has it.</summary>
    private static double[] Means(IReadOnlyList<EnrichedResponse> answers)
    {
        var vectors = answers.Select(a => a.Features!.ToVector()).ToList();
        return [.. RadarIndexes.Select(j => vectors.Select(v => v[j]).Where(double.IsFinite).DefaultIfEmpty(0).Average())];
    }

    private static AnalysisHeadline? Headline(ClassTable view)
    {
        if (view.Analysis is not { } analysis)
        {
            return null;
        }

        var snapshot = analysis.Snapshot;
        return new AnalysisHeadline(
            analysis.Version,
            snapshot.TrainedAt,
            snapshot.Points.Count,
            snapshot.Clustering.K,
            snapshot.Model.State == ModelState.Trained ? "trained" : "not-enough-data",
            snapshot.Model.CvAccuracy,
            snapshot.Model.BaselineAccuracy,
            snapshot.Model.BaselineClass);
    }
}
