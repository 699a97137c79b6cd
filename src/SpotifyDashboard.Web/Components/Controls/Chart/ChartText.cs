namespace SpotifyDashboard.Web.Components.Controls.Chart;

/// <summary>
/// Plotly reads a subset of HTML in labels, hover text, trace names and titles (&lt;b&gt;, &lt;a href&gt;, &lt;br&gt;…).
/// Songs, artists, majors and pseudonyms are user input: they go into a figure only through <see cref="Encode"/>,
/// so they show as the text they are.
/// </summary>
public static class ChartText
{
    /// <summary>
    /// Escapes only the characters that make markup. Not <c>WebUtility.HtmlEncode</c>: it also turns "·" or "é" into
    /// numeric entities, which plotly's WebGL (3D) labels print literally.
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        return text
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
    }
}
