using SpotifyDashboard.Web.Components.Pages.Admin;
using static SpotifyDashboard.Web.Tests.Pages.Admin.AdminSamples;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public sealed class SourcesTests : WebTestContext
{
    private const string SourcesPath = "/api/admin/sources";

    [Fact]
    public void ShowsEachSourcesCountsMappingAndFullErrorAndWhichIsActive()
    {
        Api.Returns(SourcesPath, Sources());

        var page = Render<Sources>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#source-sheet")));
        Assert.NotNull(page.Find("#source-sheet-active"));
        Assert.Empty(page.FindAll("#source-demo-active"));
        Assert.Contains("36", page.Find("#source-sheet .counts").TextContent);
        Assert.Contains("https://sheets.googleapis.com/v4/spreadsheets/abc", page.Find("#source-sheet-error").TextContent);
        Assert.Contains("Favourite song", page.Find("#source-sheet-mapping").TextContent);
        Assert.Contains("Not used: Pet", page.Find("#source-sheet").TextContent);
        Assert.Empty(page.FindAll("#use-sheet"));
        Assert.Equal(AdminKey, Api.LastRequestTo(SourcesPath).Header(AdminKeyHandler.HeaderName));
    }

    [Fact]
    public void UseThisSourceAsksTheApiToSwitchAndBackGoesToTheConfiguredOne()
    {
        Api.Returns(SourcesPath, Sources(overridden: true))
            .Answers("/api/admin/sources/active", _ => new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        var page = Render<Sources>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#use-configured")));

        page.Find("#use-sheet").Click();
        page.WaitForAssertion(() => Assert.Single(Api.RequestsTo("/api/admin/sources/active")));
        Assert.Equal("sheet", JsonDocument.Parse(Api.LastRequestTo("/api/admin/sources/active").Body!).RootElement.GetProperty("source").GetString());

        page.Find("#use-configured").Click();
        page.WaitForAssertion(() => Assert.Equal(2, Api.RequestsTo("/api/admin/sources/active").Count));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(Api.LastRequestTo("/api/admin/sources/active").Body!).RootElement.GetProperty("source").ValueKind);
        page.WaitForAssertion(() => Assert.Contains("configured source", page.Find("#sources-notice").TextContent));
    }

    [Fact]
    public void ReadNowAsksTheWorkerThroughTheApiAndSaysWhenTheApiRefuses()
    {
        Api.Returns(SourcesPath, Sources()).Fails("/api/admin/sources/read", 401, "Unauthorized");
        var page = Render<Sources>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#read-now")));

        page.Find("#read-now").Click();

        page.WaitForAssertion(() => Assert.Contains("Unauthorized", page.Find("#sources-action-problem").TextContent));
        Assert.Equal(HttpMethod.Post, Api.LastRequestTo("/api/admin/sources/read").Method);
    }

    [Fact]
    public void ReloadsWhenTheActiveSourceChanges()
    {
        Api.Returns(SourcesPath, Sources());
        Events.IsConnected = true;
        var page = Render<Sources>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#source-sheet")));

        Api.Returns(SourcesPath, Sources(overridden: true));
        Push(StoreEvent.SourceChanged, () => page.FindAll("#source-demo-active").Count == 1);

        Assert.NotNull(page.Find("#use-configured"));
    }

    [Fact]
    public void WithoutAnAdminKeyTheTeachersPagesSayHowToSetOneAndAskTheApiNothing()
    {
        Admin.Key = null;

        var page = Render<Sources>();

        Assert.Contains("dotnet user-secrets set Parameters:admin-key", page.Find("#admin-key-missing").TextContent);
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void SaysHowTheTimestampColumnsDatesWereRead()
    {
        const string dateOrder = "Dates like 05/09/2025 are read day first (5 September): 3 dates in the column can only be read day first.";
        var view = Sources();
        view = view with { Sources = [view.Sources[0] with { Columns = SheetColumns with { DateOrder = dateOrder } }, view.Sources[1]] };
        Api.Returns(SourcesPath, view);

        var page = Render<Sources>();

        page.WaitForAssertion(() => Assert.Equal(dateOrder, page.Find("#source-sheet-date-order").TextContent));
        Assert.Contains("Pet", page.Find("#source-sheet-unmapped").TextContent);
    }

    [Fact]
    public void SaysWhenSpotifyRefusesTheAppSoTheAnswersReadWaitToBeEnriched()
    {
        const string reason = "Active premium subscription required for the owner of the app";
        Api.Returns(SourcesPath, Sources())
            .Returns("/api/status", new StatusReport("live", "sheet", 40, Now, [], null, new EnrichmentStatus(0, 35, 0,
            [
                new ProviderStatus("spotify", ProviderState.Refused, Now.AddMinutes(9), reason, Now),
            ])));

        var page = Render<Sources>();

        page.WaitForAssertion(() => Assert.Contains(reason, page.Find("#spotify-refused").TextContent));
        Assert.NotNull(page.Find("#source-sheet"));
    }
}
