using Microsoft.Playwright;

namespace SpotifyDashboard.Bench.Dashboard;

/// <summary>
/// Watches a page, from before its first script runs, for the first plotly chart drawn and visible: a
/// <c>.js-plotly-plot</c> with a size whose <c>.main-svg</c> holds a trace (scatter, bar, polar, heatmap, pie), and
/// separately the first 3D scene (a WebGL canvas with a size inside one). Each time is taken in the page, at the
/// animation frame after the chart's elements appear, in milliseconds from navigation start (or from the last
/// <see cref="ResetAsync"/>, for a navigation inside the app). It looks for plotly's own markup only, so it times any
/// version of the pages and of the chart component.
/// </summary>
public static class FirstChartWatch
{
    private const string Script = """
        (() => {
          if (window.__sdCharts) return;
          const state = window.__sdCharts = { since: 0, chart: null, scene: null };
          const sized = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
          const mark = (kind) => { state[kind] = -1; requestAnimationFrame(() => { state[kind] = performance.now() - state.since; }); };
          const look = () => {
            if (state.chart !== null && state.scene !== null) return;
            for (const plot of document.querySelectorAll('.js-plotly-plot')) {
              if (!sized(plot)) continue;
              const canvas = plot.querySelector('.gl-container canvas');
              const scene = canvas !== null && canvas.width > 0 && canvas.height > 0;
              if (state.scene === null && scene) mark('scene');
              if (state.chart === null && plot.querySelector('.main-svg') && (scene || plot.querySelector('.trace, .hm, .slice'))) mark('chart');
            }
          };
          state.reset = () => { state.since = performance.now(); state.chart = null; state.scene = null; look(); };
          new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['width', 'height', 'style', 'class'] });
        })();
        """;

    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Script);

    public static Task ResetAsync(IPage page) => page.EvaluateAsync("window.__sdCharts.reset()");

    /// <summary>The time of the first chart (or the first 3D scene), once the page has drawn it.</summary>
    public static async Task<double> WaitAsync(IPage page, bool scene, float timeoutMs = 60_000)
    {
        var kind = scene ? "scene" : "chart";
        var handle = await page.WaitForFunctionAsync(
            $"() => window.__sdCharts && window.__sdCharts.{kind} !== null && window.__sdCharts.{kind} >= 0 ? window.__sdCharts.{kind} : false",
            null,
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 50 });
        return await handle.JsonValueAsync<double>();
    }

    /// <summary>Whether a chart has been drawn yet, without waiting.</summary>
    public static Task<bool> DrawnAsync(IPage page, bool scene) =>
        page.EvaluateAsync<bool>($"() => !!window.__sdCharts && window.__sdCharts.{(scene ? "scene" : "chart")} !== null");
}
