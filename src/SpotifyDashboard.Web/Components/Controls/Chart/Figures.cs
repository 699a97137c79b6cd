using System.Text.Json.Nodes;

namespace SpotifyDashboard.Web.Components.Controls.Chart;

public sealed record RadarSeries(string Name, IReadOnlyList<double> Values, string Color);

/// <summary>Points drawn in one colour; their strings are raw user text (encoded by <see cref="Figures.Scatter"/>).</summary>
public sealed record PointGroup(string Name, string Color, IReadOnlyList<ClusterPoint> Points);

/// <summary>
/// The dashboard's figures. Every string that came from a user goes through <see cref="ChartText.Encode"/> here,
/// so no page can forget it. Layouts leave colours open: the chart module fills them from the theme.
/// </summary>
public static class Figures
{
    private const int AxisLabelLength = 38;

    public static ChartFigure Bars(
        IReadOnlyList<string> labels,
        IReadOnlyList<double> values,
        string valueTitle,
        string revision,
        bool horizontal = false,
        string color = ChartPalette.Primary)
    {
        var shown = labels.Select(l => ChartText.Encode(Shorten(l))).ToArray();
        var full = labels.Select(l => (JsonNode?)ChartText.Encode(l)).ToArray();
        var trace = new JsonObject
        {
            ["type"] = "bar",
            ["orientation"] = horizontal ? "h" : "v",
            [horizontal ? "y" : "x"] = ToArray(shown),
            [horizontal ? "x" : "y"] = ToArray(values),
            ["customdata"] = new JsonArray(full),
            ["marker"] = new JsonObject { ["color"] = color },
            ["hovertemplate"] = $"%{{customdata}}: %{{{(horizontal ? "x" : "y")}}} {ChartText.Encode(valueTitle)}<extra></extra>",
        };
        var categoryAxis = new JsonObject { ["automargin"] = true, ["type"] = "category" };
        if (horizontal)
        {
            // Most first, at the top.
            categoryAxis["autorange"] = "reversed";
        }

        var layout = BaseLayout();
        layout[horizontal ? "yaxis" : "xaxis"] = categoryAxis;
        layout[horizontal ? "xaxis" : "yaxis"] = new JsonObject { ["automargin"] = true, ["title"] = Title(valueTitle), ["rangemode"] = "tozero" };
        return new ChartFigure([trace], layout, revision);
    }

    public static ChartFigure Radar(IReadOnlyList<string> features, IReadOnlyList<RadarSeries> series, string revision)
    {
        var theta = features.Select(f => (JsonNode?)ChartText.Encode(f)).Append(ChartText.Encode(features.Count > 0 ? features[0] : null)).ToArray();
        var data = new JsonArray();
        foreach (var s in series)
        {
            var name = ChartText.Encode(s.Name);
            data.Add(new JsonObject
            {
                ["type"] = "scatterpolar",
                ["name"] = name,
                // Closed outline: the first value again at the end.
                ["r"] = ToArray(s.Values.Append(s.Values.Count > 0 ? s.Values[0] : 0).ToArray()),
                ["theta"] = new JsonArray(theta.Select(t => t?.DeepClone()).ToArray()),
                ["fill"] = "toself",
                ["opacity"] = 0.75,
                ["line"] = new JsonObject { ["color"] = s.Color, ["width"] = 2 },
                ["hovertemplate"] = $"{name}<br>%{{theta}}: %{{r:.2f}}<extra></extra>",
            });
        }

        var layout = BaseLayout();
        layout["showlegend"] = series.Count > 1;
        layout["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.12 };
        layout["polar"] = new JsonObject { ["radialaxis"] = new JsonObject { ["range"] = new JsonArray(0, 1), ["tickfont"] = new JsonObject { ["size"] = 11 } } };
        layout["margin"] = Margin(40, 40, 30, 40);
        return new ChartFigure(data, layout, revision);
    }

    /// <summary>
    /// A 3D (or, for weak devices, 2D) scatter of the PCA coordinates, one trace per group. <paramref name="uiRevision"/>
    /// keeps the camera and zoom across live updates: change it only when the user asks for a reset. A point's major is
    /// the answer's, else the one the analysis used.
    /// </summary>
    public static ChartFigure Scatter(
        IReadOnlyList<PointGroup> groups,
        IReadOnlyList<string> axisTitles,
        bool threeD,
        string revision,
        string uiRevision,
        string? highlightId = null)
    {
        var data = new JsonArray();
        foreach (var group in groups)
        {
            var custom = new JsonArray(group.Points.Select(p => (JsonNode?)new JsonArray(
                ChartText.Encode(p.Student ?? "(unknown)"), ChartText.Encode(p.Song), ChartText.Encode(p.Artist), ChartText.Encode(p.Major ?? p.Label), ChartText.Encode(p.Year), p.Id)).ToArray());
            var trace = new JsonObject
            {
                ["type"] = threeD ? "scatter3d" : "scatter",
                ["mode"] = "markers",
                ["name"] = $"{ChartText.Encode(group.Name)} ({group.Points.Count})",
                ["x"] = ToArray(group.Points.Select(p => p.X).ToArray()),
                ["y"] = ToArray(group.Points.Select(p => p.Y).ToArray()),
                ["customdata"] = custom,
                ["marker"] = new JsonObject
                {
                    ["color"] = group.Color,
                    ["size"] = threeD ? 5 : 9,
                    ["opacity"] = 0.9,
                    ["line"] = new JsonObject { ["width"] = 0 },
                },
                ["hovertemplate"] = "<b>%{customdata[0]}</b><br>%{customdata[1]} — %{customdata[2]}<br>%{customdata[3]} · %{customdata[4]}<extra>%{fullData.name}</extra>",
            };
            if (threeD)
            {
                trace["z"] = ToArray(group.Points.Select(p => p.Z).ToArray());
            }

            data.Add(trace);
        }

        var highlighted = groups.SelectMany(g => g.Points).FirstOrDefault(p => p.Id == highlightId);
        if (highlighted is not null)
        {
            data.Add(new JsonObject
            {
                ["type"] = threeD ? "scatter3d" : "scatter",
                ["mode"] = "markers",
                ["name"] = "Selected",
                ["x"] = new JsonArray(highlighted.X),
                ["y"] = new JsonArray(highlighted.Y),
                ["z"] = threeD ? new JsonArray(highlighted.Z) : null,
                ["marker"] = new JsonObject { ["color"] = "rgba(0,0,0,0)", ["size"] = threeD ? 12 : 18, ["line"] = new JsonObject { ["width"] = 3, ["color"] = "#FAFAFA" }, ["symbol"] = threeD ? "circle-open" : "circle" },
                ["hoverinfo"] = "skip",
            });
        }

        var layout = BaseLayout();
        layout["uirevision"] = uiRevision;
        layout["showlegend"] = true;
        // Below the plot: beside it, the legend squeezes the scene on a phone.
        // In 2D, below the axis title too, or it covers the tick labels.
        layout["legend"] = new JsonObject { ["itemsizing"] = "constant", ["orientation"] = "h", ["x"] = 0, ["y"] = threeD ? 0 : -0.22, ["yanchor"] = "top" };
        if (threeD)
        {
            layout["margin"] = Margin(0, 0, 0, 0);
            layout["scene"] = new JsonObject
            {
                ["xaxis"] = new JsonObject { ["title"] = Title(axisTitles[0]) },
                ["yaxis"] = new JsonObject { ["title"] = Title(axisTitles[1]) },
                ["zaxis"] = new JsonObject { ["title"] = Title(axisTitles[2]) },
                ["aspectmode"] = "cube",
            };
        }
        else
        {
            layout["xaxis"] = new JsonObject { ["title"] = Title(axisTitles[0]), ["automargin"] = true, ["zeroline"] = false };
            layout["yaxis"] = new JsonObject { ["title"] = Title(axisTitles[1]), ["automargin"] = true, ["zeroline"] = false };
        }

        return new ChartFigure(data, layout, revision);
    }

    /// <summary>A confusion matrix: colour is the row share, the hover also gives the count.</summary>
    public static ChartFigure Heatmap(IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<int>> counts, string revision)
    {
        var labels = classes.Select(c => (JsonNode?)ChartText.Encode(c)).ToArray();
        var shares = new JsonArray();
        var text = new JsonArray();
        foreach (var row in counts)
        {
            var total = row.Sum();
            shares.Add(ToArray(row.Select(c => total == 0 ? 0 : Math.Round((double)c / total, 4)).ToArray()));
            text.Add(ToArray(row.Select(c => (double)c).ToArray()));
        }

        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["x"] = new JsonArray(labels.Select(l => l?.DeepClone()).ToArray()),
            ["y"] = new JsonArray(labels.Select(l => l?.DeepClone()).ToArray()),
            ["z"] = shares,
            ["customdata"] = text,
            ["zmin"] = 0,
            ["zmax"] = 1,
            // Dark to a deep brand red: the white cell labels keep AA contrast (≥ 4.5:1) on every cell.
            ["colorscale"] = new JsonArray(new JsonArray(0, "#1B1C24"), new JsonArray(0.5, "#7A2E36"), new JsonArray(1, "#C0343F")),
            ["textfont"] = new JsonObject { ["color"] = "#FFFFFF" },
            ["colorbar"] = new JsonObject { ["title"] = Title("share of row"), ["tickformat"] = ".0%" },
            ["texttemplate"] = "%{z:.0%}",
            ["hovertemplate"] = "actual %{y}<br>predicted %{x}<br>%{customdata} students (%{z:.0%} of the row)<extra></extra>",
        };
        var layout = BaseLayout();
        layout["xaxis"] = new JsonObject { ["title"] = Title("predicted"), ["automargin"] = true, ["type"] = "category" };
        layout["yaxis"] = new JsonObject { ["title"] = Title("actual"), ["automargin"] = true, ["type"] = "category", ["autorange"] = "reversed" };
        return new ChartFigure([trace], layout, revision);
    }

    private static JsonObject BaseLayout() => new()
    {
        ["autosize"] = true,
        ["margin"] = Margin(10, 10, 30, 10),
        ["showlegend"] = false,
        ["font"] = new JsonObject { ["size"] = 14 },
    };

    private static JsonObject Margin(int left, int right, int top, int bottom) =>
        new() { ["l"] = left, ["r"] = right, ["t"] = top, ["b"] = bottom, ["pad"] = 2 };

    private static JsonObject Title(string text) => new() { ["text"] = ChartText.Encode(text) };

    private static string Shorten(string text) => text.Length <= AxisLabelLength ? text : text[..(AxisLabelLength - 1)] + "…";

    private static JsonArray ToArray(IReadOnlyList<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static JsonArray ToArray(IReadOnlyList<double> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
