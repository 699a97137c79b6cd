using SpotifyDashboard.Web.Components.Pages.Admin;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public sealed class ProvidersTests : WebTestContext
{
    [Fact]
    public void ShowsEachProvidersStateCoolDownAndLastError()
    {
        Api.Returns("/api/status", new StatusReport("live", "sheet", 40, Now, [], null, new EnrichmentStatus(30, 5, 5,
        [
            new ProviderStatus("spotify", ProviderState.Cooldown, Now.AddMinutes(2), "429 Too Many Requests (Retry-After: 120)", Now.AddMinutes(-1)),
            new ProviderStatus("reccobeats", ProviderState.Ok, null, null, null),
        ])));

        var page = Render<Providers>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#providers-table")));
        var spotify = page.Find("#provider-spotify").TextContent;
        Assert.Contains("Cooling down", spotify);
        Assert.Contains("429 Too Many Requests (Retry-After: 120)", spotify);
        Assert.Contains("OK", page.Find("#provider-reccobeats").TextContent);
        Assert.Contains("5 pending", page.Find("#providers-summary").TextContent);
    }

    [Fact]
    public void SpotifyRefusingTheAppIsShownWithItsReasonAndWhenItIsAskedAgain()
    {
        const string reason = "Active premium subscription required for the owner of the app";
        Api.Returns("/api/status", new StatusReport("live", "sheet", 40, Now, [], null, new EnrichmentStatus(0, 35, 0,
        [
            new ProviderStatus("spotify", ProviderState.Refused, Now.AddMinutes(-1), reason, Now.AddMinutes(-11)),
            new ProviderStatus("reccobeats", ProviderState.Ok, null, null, null),
        ])));

        var page = Render<Providers>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#providers-table")));
        // A refusal does not end when its probe time passes, only when Spotify answers.
        Assert.Contains("Refused by Spotify", page.Find("#provider-spotify").TextContent);
        Assert.Contains(reason, page.Find("#provider-spotify").TextContent);
        var notice = page.Find("#spotify-refused").TextContent;
        Assert.Contains(reason, notice);
        Assert.Contains("none is marked not found", notice);
    }

    [Fact]
    public void NoRefusalNoticeWhileSpotifyAnswers()
    {
        Api.Returns("/api/status", new StatusReport("live", "sheet", 40, Now, [], null, new EnrichmentStatus(30, 0, 0,
        [
            new ProviderStatus("spotify", ProviderState.Ok, null, null, null),
        ])));

        var page = Render<Providers>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#providers-table")));
        Assert.Empty(page.FindAll("#spotify-refused"));
    }
}
