using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Web.Components.Pages.Admin;
using SpotifyDashboard.Web.Tests.Infrastructure;

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
}
