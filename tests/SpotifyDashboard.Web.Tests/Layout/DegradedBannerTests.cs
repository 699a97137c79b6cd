using SpotifyDashboard.Web.Components.Layout;

namespace SpotifyDashboard.Web.Tests.Layout;

public class DegradedBannerTests : WebTestContext
{
    [Fact]
    public void NothingShowsWhileTheCacheAndTheWorkerWork()
    {
        Api.Answers("/health/details", _ => Health(HttpStatusCode.OK, "healthy", "healthy"));

        var banner = Render<DegradedBanner>();

        Eventually(() => Assert.NotEmpty(Api.RequestsTo("/health/details")));
        Assert.Empty(banner.FindAll("#degraded-banner"));
    }

    [Fact]
    public void OpenPagesShareOneReadingInsteadOfAskingTheApiEach()
    {
        Api.Answers("/health/details", _ => Health(HttpStatusCode.ServiceUnavailable, "unhealthy", "unknown"));

        var banners = Enumerable.Range(0, 5).Select(_ => Render<DegradedBanner>()).ToList();

        foreach (var banner in banners)
        {
            banner.WaitForAssertion(() => Assert.NotEmpty(banner.FindAll("#degraded-banner")));
        }

        Assert.Single(Api.RequestsTo("/health/details"));
    }

    [Fact]
    public void ACacheThatIsDownShowsAsDegradedWithTheApisReason()
    {
        Api.Answers("/health/details", _ => Health(HttpStatusCode.ServiceUnavailable, "unhealthy", "unknown"));

        var banner = Render<DegradedBanner>();

        banner.WaitForAssertion(() => Assert.Contains("the cache is not working (does not answer)", banner.Find("#degraded-banner").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AnApiThatDoesNotAnswerShowsAsDegraded()
    {
        Api.IsDown();

        var banner = Render<DegradedBanner>();

        banner.WaitForAssertion(() => Assert.Contains("the api does not answer", banner.Find("#degraded-banner").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void TheBannerGoesOnceTheCacheIsBackAndComesWhenItGoes()
    {
        Dashboard.HealthCheckInterval = TimeSpan.FromSeconds(5);
        Api.Answers("/health/details", _ => Health(HttpStatusCode.ServiceUnavailable, "unhealthy", "unknown"));
        var banner = Render<DegradedBanner>();
        banner.WaitForAssertion(() => Assert.NotEmpty(banner.FindAll("#degraded-banner")));

        // Small clock steps: each gives the page's own work (a request, a render) a moment of real time.
        Api.Answers("/health/details", _ => Health(HttpStatusCode.OK, "healthy", "healthy"));
        AdvanceUntil(() => banner.FindAll("#degraded-banner").Count == 0, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(120));

        Api.Answers("/health/details", _ => Health(HttpStatusCode.ServiceUnavailable, "healthy", "unhealthy"));
        AdvanceUntil(() => banner.FindAll("#degraded-banner").Count == 1, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(120));
        Assert.Contains("the worker is not working", banner.Find("#degraded-banner").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The api's <c>/health/details</c> body, the 503 included (it says which part is down).</summary>
    private static HttpResponseMessage Health(HttpStatusCode status, string cache, string worker) => new(status)
    {
        Content = JsonContent.Create(new
        {
            status = status == HttpStatusCode.OK ? "healthy" : "unhealthy",
            services = new
            {
                cache = new { state = cache, reason = cache == "healthy" ? "answers in 1 ms" : "does not answer" },
                worker = new { state = worker, reason = worker == "unhealthy" ? "no worker replica holds the lock" : "the cache does not answer" },
            },
        }),
    };
}
