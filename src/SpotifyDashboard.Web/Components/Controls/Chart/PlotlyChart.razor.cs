using Microsoft.JSInterop;

namespace SpotifyDashboard.Web.Components.Controls.Chart;

/// <summary>
/// The one wrapper around plotly.js: an <c>sd-chart</c> element (<c>wwwroot/js/charts.js</c>) that only plotly fills,
/// drawn from a <see cref="ChartFigure"/>: in the prerendered page from the figure it carries, before the circuit is
/// up; the interactive page adopts that plot without drawing it again, then draws each new figure through JS interop.
/// A new <see cref="ChartFigure.Revision"/> redraws with <c>Plotly.react</c> (the camera and zoom stay, through the layout's <c>uirevision</c>);
/// the same revision does nothing. A chart that fails says so in its place; the page goes on working.
/// plotly.js is loaded only when the first chart of a visit is drawn, in the smallest bundle that draws it
/// (<see cref="PlotlyBundles"/>).
/// </summary>
public sealed partial class PlotlyChart
{
    private ElementReference _surface;

    private string HelpId => $"{Id}-help";

    /// <summary>Set while the page is prerendered for its request; never in the circuit.</summary>
    [CascadingParameter]
    public HttpContext? PageRequest { get; set; }

    /// <summary>
    /// The figure in the prerendered page only: the element draws from it before the circuit is up. Interactively it
    /// arrives through <c>render</c>, and the circuit's render batches do not carry it twice.
    /// </summary>
    private string? PrerenderedFigure => PageRequest is null ? null : Figure.ToJson();
    private IJSObjectReference? _module;
    private string? _drawnRevision;
    private string? _error;
    private bool _disposed;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ILogger<PlotlyChart> Logger { get; init; }

    [Parameter, EditorRequired]
    public required string Id { get; set; }

    [Parameter, EditorRequired]
    public required ChartFigure Figure { get; set; }

    /// <summary>What the chart shows, in words: read by screen readers in its place.</summary>
    [Parameter, EditorRequired]
    public required string Summary { get; set; }

    /// <summary>The same numbers as a table, behind a "Show as table" toggle.</summary>
    [Parameter]
    public ChartTable? Table { get; set; }

    [Parameter]
    public string Height { get; set; } = "320px";

    [Parameter]
    public string? Class { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed || Figure.Revision == _drawnRevision)
        {
            return;
        }

        // Taken before the round trip: a re-render while the browser is still drawing (a tick, a keystroke) must not
        // draw the same figure again.
        _drawnRevision = Figure.Revision;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts.js");
            await _module.InvokeVoidAsync("render", _surface, Figure.ToJson(), PlotlyBundles.For(Figure));
            if (_error is not null)
            {
                _error = null;
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser has gone; nothing to draw on.
        }
        catch (JSException ex)
        {
            LogDrawFailed(Logger, ex, Id);
            _error = "Your browser could not draw it. The numbers are in the table below it; the rest of the page works as usual.";
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("dispose", _surface);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is closing with the page: the browser cleans up by itself.
        }
    }

    // Static with the logger passed in: the generator wants a field, and the component gets its logger injected as a property.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Chart {ChartId} could not be drawn")]
    private static partial void LogDrawFailed(ILogger logger, Exception exception, string chartId);
}
