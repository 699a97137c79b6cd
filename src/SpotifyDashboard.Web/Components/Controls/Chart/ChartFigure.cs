using System.Text.Json.Nodes;

namespace SpotifyDashboard.Web.Components.Controls.Chart;

/// <summary>
/// What a <see cref="PlotlyChart"/> hands to plotly: traces, layout and config as plotly names them.
/// Built by <see cref="Figures"/>, which encodes every user string on the way in. <see cref="Revision"/>
/// changes when the data does (the snapshot version, say): a new revision redraws, the same one does not.
/// </summary>
public sealed record ChartFigure(JsonArray Data, JsonObject Layout, string Revision)
{
    // No mode bar: its buttons would be focusable content inside the chart's one stop in the Tab order (an image to
    // assistive technology). The mouse still zooms, pans and rotates; the keyboard rotates a 3D chart (charts.js).
    private static readonly JsonObject Config = new()
    {
        ["displaylogo"] = false,
        ["displayModeBar"] = false,
        ["responsive"] = false,
    };

    /// <summary>A 3D scene: it can be rotated with the keyboard, and says how.</summary>
    public bool IsThreeD => Layout.ContainsKey("scene");

    public string ToJson() => new JsonObject
    {
        ["data"] = Data.DeepClone(),
        ["layout"] = Layout.DeepClone(),
        ["config"] = Config.DeepClone(),
        ["revision"] = Revision,
    }.ToJsonString(JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}

/// <summary>The chart's text alternative: the same numbers as a table (cells are rendered as text).</summary>
public sealed record ChartTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
