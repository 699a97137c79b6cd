namespace SpotifyDashboard.Analysis;

/// <summary>
/// Music DNA score, 0–100: how distinctive a taste is within the class. d_i is the Euclidean distance of
/// response i's standardized features from the class average (the origin after standardizing); the score
/// is the mid-rank percentile of d_i among all responses:
/// 100 × (#{j : d_j &lt; d_i} + ½ #{j ≠ i : d_j = d_i}) / (n − 1). 0 = the most typical taste, 100 = the most
/// unusual; a class of one scores 50.
/// </summary>
public static class DnaScore
{
    public const string Formula =
        "100 × (#{j: d_j < d_i} + ½·#{j≠i: d_j = d_i}) / (n − 1), where d_i = Euclidean distance of response i's standardized features from the class average; 0 = most typical, 100 = most unusual, 50 for a class of one.";

    public static double[] Compute(ReadOnlySpan<double> data, int rows, int columns)
    {
        var distances = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            distances[i] = Distance(data.Slice(i * columns, columns));
        }

        var scores = new double[rows];
        if (rows == 1)
        {
            scores[0] = 50;
            return scores;
        }

        var order = Enumerable.Range(0, rows).OrderBy(i => distances[i]).ToArray();
        var start = 0;
        while (start < rows)
        {
            var end = start;
            while (end + 1 < rows && distances[order[end + 1]] == distances[order[start]])
            {
                end++;
            }

            var ties = end - start;
            var score = Math.Round(100.0 * (start + 0.5 * ties) / (rows - 1), 1);
            for (var r = start; r <= end; r++)
            {
                scores[order[r]] = score;
            }

            start = end + 1;
        }

        return scores;
    }

    /// <summary>d: the Euclidean distance of a standardized vector from the class average (the origin).</summary>
    public static double Distance(ReadOnlySpan<double> standardized)
    {
        double sum = 0;
        foreach (var v in standardized)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// The score of a song that is not one of the class's answers, by the same mid-rank rule: all n answers are
    /// "the others", so 100 × (#{j: d_j &lt; d} + ½·#{j: d_j = d}) / n. Nearer the average than everyone scores 0,
    /// farther than everyone 100; an empty class gives 50.
    /// </summary>
    public static double PlaceAmong(double distance, ReadOnlySpan<double> classDistances)
    {
        if (classDistances.IsEmpty)
        {
            return 50;
        }

        int below = 0, ties = 0;
        foreach (var d in classDistances)
        {
            if (d < distance)
            {
                below++;
            }
            else if (d == distance)
            {
                ties++;
            }
        }

        return Math.Round(100.0 * (below + 0.5 * ties) / classDistances.Length, 1);
    }
}
