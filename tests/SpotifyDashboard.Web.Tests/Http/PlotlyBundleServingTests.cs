using SpotifyDashboard.Web.Components.Controls.Chart;

namespace SpotifyDashboard.Web.Tests.Http;

public sealed class PlotlyBundleServingTests : IDisposable
{
    private readonly WebFactory _web = new();

    [Theory]
    [InlineData(PlotlyBundles.TwoD, "scatterpolar")]
    [InlineData(PlotlyBundles.ThreeD, "scatter3d")]
    public async Task EachBundleIsServedCompressedAndCachedForGood(string bundle, string trace)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/" + bundle);
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var response = await _web.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var script = await new StreamReader(gzip).ReadToEndAsync();
        Assert.StartsWith($"/*! plotly.js {PlotlyBundles.Version} ", script);
        Assert.Contains($"\"{trace}\"", script);
    }

    [Fact]
    public async Task TheTwoDBundleHasNoThreeDCode()
    {
        var script = await _web.CreateBrowser().GetStringAsync("/" + PlotlyBundles.TwoD);

        Assert.DoesNotContain("\"scatter3d\"", script);
    }

    [Fact]
    public async Task OtherStaticFilesAreNotMarkedImmutable()
    {
        var response = await _web.CreateBrowser().GetAsync("/js/charts.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("immutable", response.Headers.CacheControl?.ToString() ?? "");
    }

    public void Dispose() => _web.Dispose();
}
