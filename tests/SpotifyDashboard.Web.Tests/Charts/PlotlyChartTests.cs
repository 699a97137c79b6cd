using Microsoft.AspNetCore.Http;
using SpotifyDashboard.Web.Components.Controls.Chart;

namespace SpotifyDashboard.Web.Tests.Charts;

public sealed class PlotlyChartTests : WebTestContext
{
    [Fact]
    public void HandsTheFigureJsonAndThePlotlyScriptToTheChartModule()
    {
        var figure = Figures.Bars([XssSong], [2], "students", "rev-1");

        var chart = RenderChart(figure);

        var render = Assert.Single(Charts.RendersOf("rev-1"));
        Assert.Equal(figure.ToJson(), render.Arguments[1]);
        Assert.Equal(PlotlyBundles.TwoD, render.Arguments[2]);
        Assert.Equal([XssSongEncoded], ChartCalls.Figure(render)["data"]![0]!["customdata"]!.AsArray().Select(v => v!.GetValue<string>()));
        FigureAssert.NoRawMarkup(ChartCalls.Figure(render));
    }

    [Fact]
    public void DoesNotRedrawTheSameRevisionButDrawsANewOne()
    {
        var chart = RenderChart(Figures.Bars(["a"], [1], "students", "rev-1"));

        chart.Render(p => p.Add(c => c.Figure, Figures.Bars(["a"], [1], "students", "rev-1")).Add(c => c.Summary, "Other words"));

        Assert.Single(Charts.Renders);

        chart.Render(p => p.Add(c => c.Figure, Figures.Bars(["a"], [5], "students", "rev-2")));

        Assert.Equal(2, Charts.Renders.Count);
        Assert.Equal("rev-2", ChartCalls.Figure(Charts.Renders[^1])["revision"]!.GetValue<string>());
    }

    [Fact]
    public void DoesNotDrawTheSameFigureAgainWhileTheBrowserIsStillDrawingIt()
    {
        var drawing = new ChartCalls(JSInterop, drawing: true);
        var chart = RenderChart(Figures.Bars(["a"], [1], "students", "rev-1"));

        // The page re-renders (a tick, a keystroke) before the browser has answered the first draw.
        chart.Render(p => p.Add(c => c.Summary, "Other words"));
        chart.Render(p => p.Add(c => c.Summary, "Yet other words"));

        Assert.Single(drawing.Renders);
    }

    [Fact]
    public void SaysSoInItsPlaceWhenTheBrowserCannotDrawIt()
    {
        Charts.Fail();

        var chart = RenderChart(Figures.Bars(["a"], [1], "students", "rev-1"), new ChartTable(["Major", "Students"], [["Physics", "2"]]));

        chart.WaitForAssertion(() => Assert.Contains("This chart could not be drawn", chart.Find(".chart-error").OuterHtml));
        Assert.True(chart.Find("#c1").HasAttribute("hidden"));
        // The numbers are still there, as a table.
        Assert.Equal("Physics", chart.Find(".chart-table td").TextContent);
    }

    [Fact]
    public void DrawsAgainAndDropsTheMessageWhenANewRevisionWorks()
    {
        Charts.Fail();
        var chart = RenderChart(Figures.Bars(["a"], [1], "students", "rev-1"));
        chart.WaitForAssertion(() => Assert.NotEmpty(chart.FindAll(".chart-error")));

        Charts.Recover();
        chart.Render(p => p.Add(c => c.Figure, Figures.Bars(["a"], [2], "students", "rev-2")));

        chart.WaitForAssertion(() => Assert.Empty(chart.FindAll(".chart-error")));
        Assert.False(chart.Find("#c1").HasAttribute("hidden"));
        Assert.Equal(2, Charts.Renders.Count);
    }

    [Fact]
    public void ShowsItsNumbersAsTextInTheTable()
    {
        var chart = RenderChart(Figures.Bars([XssSong], [1], "students", "rev-1"), new ChartTable(["Song", "Students"], [[XssSong, "1"]]));

        Assert.Equal(XssSong, chart.Find(".chart-table td").TextContent);
        Assert.Empty(chart.FindAll("img"));
        Assert.Equal("Bars of songs", chart.Find("figcaption").TextContent);
    }

    [Fact]
    public void IsOneStopInTheTabOrderThatSaysWhatTheChartShows()
    {
        var chart = RenderChart(Figures.Bars(["a"], [1], "students", "rev-1"), new ChartTable(["Major", "Students"], [["Physics", "2"]]));

        var surface = chart.Find("#c1");
        Assert.Equal("0", surface.GetAttribute("tabindex"));
        Assert.Equal("img", surface.GetAttribute("role"));
        Assert.Equal("Bars of songs", surface.GetAttribute("aria-label"));
        // Plotly draws into the surface: nothing it draws may be focusable, so its mode bar (buttons) is off.
        Assert.False(ChartCalls.Figure(Assert.Single(Charts.Renders))["config"]!["displayModeBar"]!.GetValue<bool>());
        Assert.Empty(surface.Children);
        // The table toggle stays reachable, after the chart.
        Assert.Equal("Show as table", chart.Find(".chart-table summary").TextContent);
        Assert.False(surface.HasAttribute("aria-describedby"));
    }

    [Fact]
    public void A3DChartTellsHowToRotateItWithTheKeyboard()
    {
        var point = new ClusterPoint("r1", 1, 2, 3, Cluster: 0, DnaScore: 50, Label: null, "Otter", "Song", "Artist", "Physics", "2");
        var chart = RenderChart(Figures.Scatter([new PointGroup("Cluster A", "#fff", [point])], ["PC1", "PC2", "PC3"], threeD: true, "rev-3d", "ui"));

        // Only a 3D chart fetches the bundle with the 3D code.
        Assert.Equal(PlotlyBundles.ThreeD, Assert.Single(Charts.Renders).Arguments[2]);
        var surface = chart.Find("#c1");
        Assert.Equal("c1-help", surface.GetAttribute("aria-describedby"));
        var help = chart.Find("#c1-help").TextContent;
        Assert.Contains("arrow keys rotate", help);
        Assert.Contains("Show as table", help);
    }

    [Fact]
    public void ThePrerenderedChartCarriesItsFigureToDrawBeforeTheCircuitIsUp()
    {
        var figure = Figures.Bars([XssSong], [2], "students", "rev-1");

        // Prerendering for a request: the page's HttpContext cascades to the chart.
        var chart = Render<PlotlyChart>(p => p
            .Add(c => c.Id, "c1")
            .Add(c => c.Figure, figure)
            .Add(c => c.Summary, "Bars of songs")
            .AddCascadingValue(new DefaultHttpContext() as HttpContext));

        var surface = chart.Find("sd-chart#c1");
        Assert.Equal(figure.ToJson(), surface.GetAttribute("figure"));
        Assert.Equal(PlotlyBundles.TwoD, surface.GetAttribute("bundle"));
        Assert.Equal("rev-1", surface.GetAttribute("revision"));
        // The figure is an attribute (data), not a script: the markup escapes it, and the page has no inline script.
        Assert.DoesNotContain(XssSong, chart.Markup);
        Assert.Empty(chart.FindAll("script"));
    }

    [Fact]
    public void TheInteractiveChartDrawsThroughTheModuleAndDoesNotCarryTheFigureTwice()
    {
        var chart = RenderChart(Figures.Bars(["a"], [1], "students", "rev-1"));

        var surface = chart.Find("sd-chart#c1");
        Assert.False(surface.HasAttribute("figure"));
        // The revision tells the element whether the prerendered plot it may adopt is this figure's.
        Assert.Equal("rev-1", surface.GetAttribute("revision"));
        Assert.Single(Charts.Renders);
    }

    private IRenderedComponent<PlotlyChart> RenderChart(ChartFigure figure, ChartTable? table = null) =>
        Render<PlotlyChart>(p => p
            .Add(c => c.Id, "c1")
            .Add(c => c.Figure, figure)
            .Add(c => c.Summary, "Bars of songs")
            .Add(c => c.Table, table));
}
