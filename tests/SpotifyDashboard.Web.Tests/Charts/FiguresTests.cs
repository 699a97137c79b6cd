using SpotifyDashboard.Web.Components.Controls.Chart;

namespace SpotifyDashboard.Web.Tests.Charts;

/// <summary>The figures as plotly gets them (their JSON): user text only encoded, the layout settings the pages rely on.</summary>
public sealed class FiguresTests
{
    [Fact]
    public void BarsEncodeLabelsCustomdataAndTheValueTitle()
    {
        var figure = Parse(Figures.Bars([XssSong, XssArtist, QuoteMajor], [3, 2, 1], "<i>students</i>", "r1", horizontal: true));

        var trace = figure["data"]![0]!;
        Assert.Equal([XssSongEncoded, XssArtistEncoded, QuoteMajorEncoded], Strings(trace["y"]));
        Assert.Equal([XssSongEncoded, XssArtistEncoded, QuoteMajorEncoded], Strings(trace["customdata"]));
        Assert.Equal([3.0, 2.0, 1.0], trace["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Contains("&lt;i&gt;students&lt;/i&gt;", trace["hovertemplate"]!.GetValue<string>());
        Assert.Equal("&lt;i&gt;students&lt;/i&gt;", figure["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("reversed", figure["layout"]!["yaxis"]!["autorange"]!.GetValue<string>());
        FigureAssert.NoRawMarkup(figure);
    }

    [Fact]
    public void BarsShortenLongAxisLabelsButKeepTheFullTextForTheHover()
    {
        var title = new string('a', 60);

        var trace = Parse(Figures.Bars([title], [1], "students", "r1"))["data"]![0]!;

        Assert.Equal(38, trace["x"]![0]!.GetValue<string>().Length);
        Assert.EndsWith("…", trace["x"]![0]!.GetValue<string>());
        Assert.Equal(title, trace["customdata"]![0]!.GetValue<string>());
    }

    [Fact]
    public void RadarEncodesSeriesNamesInTheTraceAndItsHover()
    {
        var figure = Parse(Figures.Radar(["energy", "valence"], [new RadarSeries(XssArtist, [0.5, 0.7], "#fff"), new RadarSeries(QuoteMajor, [0.1, 0.2], "#000")], "r1"));

        var traces = figure["data"]!.AsArray();
        Assert.Equal([XssArtistEncoded, QuoteMajorEncoded], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.StartsWith(XssArtistEncoded + "<br>", traces[0]!["hovertemplate"]!.GetValue<string>());
        // The outline is closed: the first value again at the end.
        Assert.Equal([0.5, 0.7, 0.5], traces[0]!["r"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(["energy", "valence", "energy"], Strings(traces[0]!["theta"]));
        Assert.True(figure["layout"]!["showlegend"]!.GetValue<bool>());
        FigureAssert.NoRawMarkup(figure);
    }

    [Fact]
    public void ScatterEncodesGroupNamesAndEveryCustomdataString()
    {
        var point = new ClusterPoint("r1", 1, 2, 3, Cluster: 0, DnaScore: 50, Label: null, "<u>Otter</u>", XssSong, XssArtist, QuoteMajor, "<2>");

        var figure = Parse(Figures.Scatter([new PointGroup(XssArtist, "#fff", [point])], ["PC1", "PC2", "PC3"], threeD: true, "r1", "ui-1"));

        var trace = figure["data"]![0]!;
        Assert.Equal("scatter3d", trace["type"]!.GetValue<string>());
        Assert.Equal($"{XssArtistEncoded} (1)", trace["name"]!.GetValue<string>());
        Assert.Equal(["&lt;u&gt;Otter&lt;/u&gt;", XssSongEncoded, XssArtistEncoded, QuoteMajorEncoded, "&lt;2&gt;", "r1"], Strings(trace["customdata"]![0]));
        Assert.Equal([3.0], trace["z"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("ui-1", figure["layout"]!["uirevision"]!.GetValue<string>());
        FigureAssert.NoRawMarkup(figure);
    }

    [Fact]
    public void ScatterIn2DHasNoThirdAxis()
    {
        var point = new ClusterPoint("r1", 1, 2, 3, Cluster: 0, DnaScore: 50, Label: null, "Otter", "Song", "Artist", "Physics", "2");

        var figure = Parse(Figures.Scatter([new PointGroup("A", "#fff", [point])], ["PC1", "PC2", "PC3"], threeD: false, "r1", "ui-1", highlightId: "r1"));

        var traces = figure["data"]!.AsArray();
        Assert.All(traces, t => Assert.Equal("scatter", t!["type"]!.GetValue<string>()));
        Assert.Null(traces[0]!["z"]);
        Assert.Equal("Selected", traces[1]!["name"]!.GetValue<string>());
        Assert.Null(figure["layout"]!["scene"]);
    }

    [Fact]
    public void HeatmapColoursByTheRowShareAndHoversTheCounts()
    {
        var figure = Parse(Figures.Heatmap(["Biology", QuoteMajor], [[3, 1], [0, 0]], "r1"));

        var trace = figure["data"]![0]!;
        Assert.Equal([[0.75, 0.25], [0.0, 0.0]], trace["z"]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()));
        Assert.Equal([[3.0, 1.0], [0.0, 0.0]], trace["customdata"]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()));
        Assert.Equal(["Biology", QuoteMajorEncoded], Strings(trace["x"]));
        Assert.Equal(["Biology", QuoteMajorEncoded], Strings(trace["y"]));
        FigureAssert.NoRawMarkup(figure);
    }

    [Fact]
    public void TheFigureJsonCarriesItsRevisionAndConfig()
    {
        var figure = Parse(Figures.Bars(["a"], [1], "students", "rev-9"));

        Assert.Equal("rev-9", figure["revision"]!.GetValue<string>());
        Assert.False(figure["config"]!["displaylogo"]!.GetValue<bool>());
        Assert.False(figure["config"]!["displayModeBar"]!.GetValue<bool>());
    }

    private static JsonObject Parse(ChartFigure figure) => JsonNode.Parse(figure.ToJson())!.AsObject();

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<string>())];
}
