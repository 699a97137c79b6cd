using System.Text.Json.Nodes;
using AngleSharp.Dom;
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

    /// <summary>The <c>render</c> calls that drew on the chart whose surface element has id <paramref name="chartId"/>.</summary>
    public IReadOnlyList<JSRuntimeInvocation> RendersOf<T>(IRenderedComponent<T> page, string chartId) where T : Microsoft.AspNetCore.Components.IComponent =>
        RendersOf(page.Find($"#{chartId}"));

    public IReadOnlyList<JSRuntimeInvocation> RendersOf(IElement surface)
    {
        var reference = surface.GetAttribute("blazor:elementreference")
            ?? throw new Xunit.Sdk.XunitException($"#{surface.Id} carries no element reference.");
        return [.. Renders.Where(r => r.Arguments[0] is Microsoft.AspNetCore.Components.ElementReference e && e.Id == reference)];
    }

    /// <summary>The figure last drawn on the chart <paramref name="chartId"/>; fails when it was never drawn.</summary>
    public JsonObject LastFigureOf<T>(IRenderedComponent<T> page, string chartId) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var renders = RendersOf(page.Find($"#{chartId}"));
        return renders.Count == 0
            ? throw new Xunit.Sdk.XunitException($"#{chartId} was never drawn; {Renders.Count} render calls in all.")
            : Figure(renders[^1]);
    }

    public int CountOf<T>(IRenderedComponent<T> page, string chartId) where T : Microsoft.AspNetCore.Components.IComponent =>
        RendersOf(page.Find($"#{chartId}")).Count;

    /// <summary>From now on every <c>render</c> fails the way a browser without WebGL (or plotly) does.</summary>
    public void Fail() => _render.SetException(new JSException("x"));

    /// <summary>From now on every <c>render</c> works again.</summary>
    public void Recover() => _render.SetVoidResult();

    public static JsonObject Figure(JSRuntimeInvocation render) =>
        JsonNode.Parse((string)render.Arguments[1]!)!.AsObject();
}
