using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// What students type is shown as text everywhere it appears: a song titled
/// <c>&lt;img src=x onerror=alert(1)&gt;</c> is read literally, never run or drawn as an image.
/// Each test fails if an alert opens or an <c>img[src="x"]</c> reaches the DOM.
/// </summary>
[Collection(CsvClassCollection.Name)]
public sealed class UserTextBrowserTests(CsvClassAppFixture fixture) : IAsyncLifetime
{
    private const string Song = CsvClassAppFixture.MarkupSong;
    private const string Artist = CsvClassAppFixture.MarkupArtist;

    private readonly List<string> _dialogs = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await BrowserSession.NewContextAsync();
        _page = await _context.NewPageAsync();
        _page.Dialog += async (_, dialog) =>
        {
            lock (_dialogs)
            {
                _dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task TheLiveFeedShowsTheMarkupSongAsText()
    {
        await _page.GotoAsync(Url("/live"));

        var cell = _page.Locator("#live-feed .song", new() { HasText = Song });
        await cell.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Equal(Song, (await cell.InnerTextAsync()).Trim());
        var row = _page.Locator("#live-feed tr.feed-row", new() { Has = _page.Locator(".song", new() { HasText = Song }) });
        Assert.Contains(Artist, await row.InnerTextAsync());
        Assert.Equal(0, await _page.Locator("#live-feed b", new() { HasText = "Bold" }).CountAsync());

        await AssertNothingRanAsync();
    }

    [Fact]
    public async Task TheDataGridFindsAndShowsTheMarkupSongAsText()
    {
        await _page.GotoAsync(Url("/data"));
        await _page.WaitForSelectorAsync("#data-search", new() { Timeout = PageWaits.PageTimeoutMs });

        await PageWaits.WaitForInteractiveAsync(_page);
        await _page.FillAsync("#data-search", "onerror");
        await _page.WaitForFunctionAsync(
            "song => document.querySelector('#data-grid')?.innerText.includes(song)",
            Song,
            new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Contains(Artist, await _page.InnerTextAsync("#data-grid"));
        Assert.Equal(0, await _page.Locator("#data-grid b", new() { HasText = "Bold" }).CountAsync());

        await AssertNothingRanAsync();
    }

    [Fact]
    public async Task ATwinCardShowsTheMarkupSongAsText()
    {
        var student = await StudentWithMarkupTwinAsync();
        await _page.GotoAsync(Url($"/twins/{Uri.EscapeDataString(student)}"));

        var card = _page.Locator("#twin-list .twin-card", new() { HasText = Song });
        await card.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Equal($"{Song} — {Artist}", (await card.Locator(".twin-song").InnerTextAsync()).Trim());
        await PageWaits.WaitForPlotAsync(_page, "chart-twin-radar");

        await AssertNothingRanAsync();
    }

    [Fact]
    public async Task TheClusterPlotsHoverLabelShowsTheMarkupSongAsText()
    {
        await _page.GotoAsync(Url("/clusters"));
        await PageWaits.Wait3DPlotAsync(_page, "chart-clusters");
        await PageWaits.WaitForInteractiveAsync(_page);
        await _page.SelectOptionAsync("#clusters-view", "2d");
        // Plotly swaps the WebGL scene for a 2D cartesian plot (in the div the chart element keeps for plotly).
        await _page.WaitForFunctionAsync(
            "() => { const el = document.querySelector('#chart-clusters .chart-plot'); return el?._fullLayout?.xaxis?._length > 0 && el.data?.[0]?.type === 'scatter'; }",
            null,
            new() { Timeout = PageWaits.PageTimeoutMs });

        // Where plotly drew this student's marker, in page pixels.
        var at = await _page.EvaluateAsync<double[]?>(
            """
            id => {
                const el = document.querySelector('#chart-clusters .chart-plot');
                const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis, box = el.getBoundingClientRect();
                for (const trace of el.data) {
                    const i = (trace.customdata || []).findIndex(c => c[5] === id);
                    if (i >= 0) {
                        return [box.left + xa._offset + xa.l2p(trace.x[i]), box.top + ya._offset + ya.l2p(trace.y[i])];
                    }
                }
                return null;
            }
            """,
            fixture.MarkupResponseId);
        Assert.NotNull(at);
        await _page.Mouse.MoveAsync((float)at[0] - 30, (float)at[1] - 30);
        await _page.Mouse.MoveAsync((float)at[0], (float)at[1], new() { Steps = 5 });

        var label = _page.Locator("#chart-clusters g.hovertext");
        await label.First.WaitForAsync(new() { Timeout = 10_000 });
        var text = await label.First.TextContentAsync();
        Assert.Contains(Song, text);
        Assert.Contains(Artist, text);
        // Plotly would have turned <b>…</b> into bold text: the label has no bold run with "Bold" in it.
        Assert.Equal(0, await label.Locator("tspan[style*='font-weight:bold']", new() { HasText = "Bold" }).CountAsync());

        await AssertNothingRanAsync();
    }

    private string Url(string path) => new Uri(fixture.Web.BaseAddress!, path).ToString();

    private async Task AssertNothingRanAsync()
    {
        Assert.Equal(0, await _page.Locator("img[src='x']").CountAsync());
        lock (_dialogs)
        {
            Assert.True(_dialogs.Count == 0, "A dialog opened: " + string.Join("; ", _dialogs));
        }
    }

    /// <summary>A student whose five music twins include the markup song's student.</summary>
    private async Task<string> StudentWithMarkupTwinAsync()
    {
        var responses = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100");
        foreach (var id in responses.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!))
        {
            if (id == fixture.MarkupResponseId)
            {
                continue;
            }

            var twins = await fixture.Api.GetFromJsonAsync<JsonElement>($"/api/twins/{Uri.EscapeDataString(id)}?k=5");
            if (twins.GetProperty("twins").EnumerateArray().Any(t => t.GetProperty("id").GetString() == fixture.MarkupResponseId))
            {
                return id;
            }
        }

        Assert.Fail("no student has the markup song among their five twins");
        return null!;
    }
}
