namespace SpotifyDashboard.Web.Components.Controls.Chart;

/// <summary>
/// The two plotly.js bundles under <c>wwwroot/lib/plotly</c>, built from the npm package by <c>build/plotly/build.sh</c>:
/// one with the traces the 2D charts draw, and one that adds the 3D scatter, which alone weighs half as much again and
/// is fetched only by a page that shows a 3D view. Their names carry plotly's version, so they are cached for good
/// (see <see cref="Services.PlotlyScriptCaching"/>).
/// </summary>
public static class PlotlyBundles
{
    /// <summary>The plotly.js version in the bundles' names; build.sh names them after the package it installed.</summary>
    public const string Version = "3.7.0";

    /// <summary>Where both bundles are served; a path under it is a bundle of one plotly version, never rewritten.</summary>
    public const string Folder = "lib/plotly/";

    public const string TwoD = Folder + "plotly-" + Version + "-2d.min.js";

    public const string ThreeD = Folder + "plotly-" + Version + "-3d.min.js";

    /// <summary>The smallest bundle that draws <paramref name="figure"/>.</summary>
    public static string For(ChartFigure figure) => figure.IsThreeD ? ThreeD : TwoD;
}
