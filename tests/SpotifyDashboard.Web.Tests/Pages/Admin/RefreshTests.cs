using SpotifyDashboard.Web.Components.Pages.Admin;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public sealed class RefreshTests : WebTestContext
{
    [Fact]
    public void StartsTheChosenStagesAndFollowsTheProgressEventsUntilDone()
    {
        var progress = new RefreshProgress("r1", RefreshStages.Queued, 0, 0, null, Now);
        Api.Answers("/api/refresh", request => new HttpResponseMessage(HttpStatusCode.Accepted)
        {
            Content = JsonContent.Create(new RefreshAccepted("r1", JsonSerializer.Deserialize<RefreshRequest>(request.Body!, DashboardJson.Options)!), options: DashboardJson.Options),
        })
            .Returns("/api/admin/refresh/r1", _ => progress);
        Events.IsConnected = true;
        var page = Render<Refresh>();

        page.Find("#refresh-reread").Change(false);
        page.Find("#refresh-start").Click();

        page.WaitForAssertion(() => Assert.Contains("Queued", page.Find("#refresh-stage").TextContent));
        var sent = JsonDocument.Parse(Api.LastRequestTo("/api/refresh").Body!).RootElement;
        Assert.False(sent.GetProperty("reread").GetBoolean());
        Assert.True(sent.GetProperty("reenrich").GetBoolean());
        Assert.True(sent.GetProperty("reanalyse").GetBoolean());
        Assert.True(page.Find("#refresh-start").HasAttribute("disabled"));

        progress = progress with { Stage = RefreshStages.Enriching, Done = 3, Total = 10 };
        Push(StoreEvent.RefreshProgress, () => page.FindAll("#refresh-stage").Any(s => s.TextContent.Contains("3 of 10")));
        Assert.Contains("Looking up the songs", page.Find("#refresh-stage").TextContent);
        Assert.Equal("3", page.Find("#refresh-bar").GetAttribute("value"));

        progress = progress with { Stage = RefreshStages.Done, Done = 0, Total = 0, Message = "Analysis 8 is ready." };
        Push(StoreEvent.RefreshProgress, () => page.FindAll("#refresh-done").Count == 1);
        Assert.Contains("Analysis 8 is ready.", page.Find("#refresh-done").TextContent);
        Assert.False(page.Find("#refresh-start").HasAttribute("disabled"));
    }

    [Fact]
    public void AFailedRefreshSaysWhy()
    {
        Api.Answers("/api/refresh", _ => new HttpResponseMessage(HttpStatusCode.Accepted)
        {
            Content = JsonContent.Create(new RefreshAccepted("r2", new RefreshRequest()), options: DashboardJson.Options),
        })
            .Returns("/api/admin/refresh/r2", new RefreshProgress("r2", RefreshStages.Failed, 0, 0, "The sheet could not be read: 403", Now));
        var page = Render<Refresh>();

        page.Find("#refresh-start").Click();

        page.WaitForAssertion(() => Assert.Contains("The sheet could not be read: 403", page.Find("#refresh-failed").TextContent));
    }
}
