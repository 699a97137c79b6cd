using Microsoft.JSInterop;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// The chart module <c>./js/charts.js</c> as bUnit's JS interop stands in for it: every <c>render</c> call is recorded with
/// the figure JSON the component handed to plotly (its argument 1), and can be made to fail like a browser that cannot draw.
/// </summary>
public sealed class ChartCalls
{
    public const string ModulePath = "./js/charts.js";

    private readonly BunitJSModuleInterop _module;
    private readonly JSRuntimeInvocationHandler _render;

    /// <param name="drawing">True: every <c>render</c> stays unanswered, as while the browser is still drawing.</param>
    public ChartCalls(BunitJSInterop js, bool drawing = false)
    {
        _module = js.SetupModule(ModulePath);
        _render = _module.SetupVoid("render", _ => true);
        if (!drawing)
        {
            _render.SetVoidResult();
        }

        _module.SetupVoid("dispose", _ => true).SetVoidResult();
    }

    /// <summary>Every <c>render</c> call so far, oldest first.</summary>
    public IReadOnlyList<JSRuntimeInvocation> Renders => [.. _module.Invocations["render"]];

    /// <summary>Every figure drawn so far, oldest first.</summary>
    public IReadOnlyList<JsonObject> Figures => [.. Renders.Select(Figure)];

    /// <summary>
    /// The <c>render</c> calls of one chart, known by its figure's revision (<paramref name="revisionPrefix"/>, e.g. "majors-").
    /// Not by its element: Blazor captures a new element reference on every render.
    /// </summary>
    public IReadOnlyList<JSRuntimeInvocation> RendersOf(string revisionPrefix) =>
        [.. Renders.Where(r => Figure(r)["revision"]!.GetValue<string>().StartsWith(revisionPrefix, StringComparison.Ordinal))];

    public int CountOf(string revisionPrefix) => RendersOf(revisionPrefix).Count;

    /// <summary>The figure last drawn with a revision starting <paramref name="revisionPrefix"/>; fails when there is none.</summary>
    public JsonObject LastFigureOf(string revisionPrefix)
    {
        var renders = RendersOf(revisionPrefix);
        return renders.Count == 0
            ? throw new Xunit.Sdk.XunitException($"No figure with a revision starting {revisionPrefix} was drawn; {Renders.Count} render calls in all.")
            : Figure(renders[^1]);
    }

    /// <summary>The figure drawn last, whichever chart it was.</summary>
    public JsonObject Last => Renders.Count == 0 ? throw new Xunit.Sdk.XunitException("No chart was drawn.") : Figure(Renders[^1]);

    /// <summary>From now on every <c>render</c> fails the way a browser without WebGL (or plotly) does.</summary>
    public void Fail() => _render.SetException(new JSException("x"));

    /// <summary>From now on every <c>render</c> works again.</summary>
    public void Recover() => _render.SetVoidResult();

    public static JsonObject Figure(JSRuntimeInvocation render) =>
        JsonNode.Parse((string)render.Arguments[1]!)!.AsObject();
}
