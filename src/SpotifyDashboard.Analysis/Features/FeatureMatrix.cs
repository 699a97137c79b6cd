namespace SpotifyDashboard.Analysis.Features;

/// <summary>
/// Standardized features of the kept rows, row-major (<see cref="RowCount"/> × <see cref="ColumnCount"/>),
/// over the columns in <see cref="UsedColumns"/> (indices into <c>AudioFeatures.Names</c>).
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(double[] values, int rowCount, int[] usedColumns, int[] keptRows)
    {
        Values = values;
        RowCount = rowCount;
        UsedColumns = usedColumns;
        KeptRows = keptRows;
    }

    public double[] Values { get; }

    public int RowCount { get; }

    public int ColumnCount => UsedColumns.Length;

    public int[] UsedColumns { get; }

    /// <summary>For each matrix row, the index of the input row it came from.</summary>
    public int[] KeptRows { get; }

    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * ColumnCount, ColumnCount);
}
