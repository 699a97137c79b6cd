using SpotifyDashboard.Web.Components.Pages.Admin;
using static SpotifyDashboard.Web.Tests.Pages.Admin.AdminSamples;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public sealed class QuarantineTests : WebTestContext
{
    [Fact]
    public void ShowsEachRowsNumberEveryReasonAndTheMappedFields()
    {
        Api.Returns("/api/admin/quarantine", Quarantine()).Returns("/api/admin/sources", Sources());

        var page = Render<Quarantine>();

        page.WaitForAssertion(() => Assert.Contains("Major", page.Find("#quarantine-row-7 .fields").TextContent));
        var row = page.Find("#quarantine-row-7");
        Assert.Equal("7", row.QuerySelector("td")!.TextContent);
        Assert.Equal(["The song is empty", "The major is not one of the form's choices"], row.QuerySelectorAll(".reasons li").Select(li => li.TextContent));
        var fields = row.QuerySelector(".fields")!.TextContent;
        Assert.Contains("Song(empty)", fields);
        Assert.Contains("ArtistAdele", fields);
        Assert.Contains("MajorLaw", fields);
        Assert.DoesNotContain("cat", fields);
        Assert.NotNull(page.Find("#quarantine-row-12"));
        Assert.Contains("2 rows", page.Find("#quarantine-summary").TextContent);
    }

    [Fact]
    public void SaysSoWhenNothingIsInQuarantine()
    {
        Api.Returns("/api/admin/quarantine", new SpotifyDashboard.Core.Contracts.Admin.AdminQuarantinePage(0, [])).Returns("/api/admin/sources", Sources());

        var page = Render<Quarantine>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#quarantine-empty")));
    }
}
