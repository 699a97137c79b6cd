namespace SpotifyDashboard.Web.Components.Controls.Chart;

/// <summary>
/// Few, distinct colours that read on the dark and the light theme alike (one per cluster, at most eight
/// before they repeat): from far back in a lecture hall a legend of eight is already a lot.
/// </summary>
public static class ChartPalette
{
    public const string Primary = "#FF6B6B";
    public const string Secondary = "#4ECDC4";

    public static IReadOnlyList<string> Series { get; } =
        ["#FF6B6B", "#4ECDC4", "#FFB347", "#6C8CFF", "#C77DFF", "#2EC27E", "#F06CA8", "#9AA0A6"];

    public static string ForIndex(int index) => Series[((index % Series.Count) + Series.Count) % Series.Count];
}
