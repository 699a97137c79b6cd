using System.Net;

namespace SpotifyDashboard.Web.Components.Controls.Chart;

/// <summary>
/// Plotly reads a subset of HTML in labels, hover text, trace names and titles (&lt;b&gt;, &lt;a href&gt;, &lt;br&gt;…).
/// Songs, artists, majors and pseudonyms are user input: they go into a figure only through <see cref="Encode"/>,
/// so they show as the text they are.
/// </summary>
public static class ChartText
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
