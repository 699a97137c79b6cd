using Microsoft.AspNetCore.Components.Forms;
using SpotifyDashboard.Web.Components.Pages.Admin;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public sealed class UploadTests : WebTestContext
{
    private const string UploadPath = "/api/admin/upload";
    private const string Csv = "Timestamp,Favourite song,Artist,Your major\n2026-03-01,Yellow,Coldplay,Law\n";

    private static UploadPreview Good() => new("responses.csv", 72, 1, ["Timestamp", "Favourite song", "Artist", "Your major"],
        AdminSamples.SheetColumns, ["Timestamp"],
        [new Dictionary<string, string> { ["Song"] = "Yellow", ["Artist"] = "Coldplay", ["Major"] = "Law" }], 0, [], CanUse: true);

    private static UploadPreview Bad() => new("notes.csv", 20, 0, ["Name", "Notes"], null, ["Name", "Notes"], [], 0,
        ["No column looks like the song (expected a header such as \"Favourite song\")", "No column looks like the artist"], CanUse: false);

    private FakeApi Answers(int status, UploadPreview preview) =>
        Api.Answers(UploadPath, _ => new HttpResponseMessage((HttpStatusCode)status) { Content = JsonContent.Create(preview, options: DashboardJson.Options) });

    [Fact]
    public void ABadFileShowsWhatIsWrongAndOffersNoWayToUseIt()
    {
        Answers(422, Bad());
        var page = Render<Upload>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Name,Notes\nA,b\n", "notes.csv"));

        page.WaitForAssertion(() => Assert.Contains("No column looks like the song", page.Find("#upload-problems").TextContent));
        Assert.Contains("nothing was changed", page.Find("#upload-problems").TextContent);
        Assert.Empty(page.FindAll("#upload-use"));
        var sent = Api.LastRequestTo(UploadPath);
        Assert.Equal("true", sent.Param("preview"));
        Assert.Contains("name=file", sent.Body);
        Assert.DoesNotContain(Api.RequestsTo(UploadPath), r => r.Param("preview") == "false");
    }

    [Fact]
    public void AGoodFileShowsItsMappingUnmappedHeadersAndFirstRowsAndIsUsedOnlyWhenAsked()
    {
        Answers(200, Good());
        var page = Render<Upload>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "responses.csv"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#upload-use")));
        Assert.Contains("Favourite song", page.Find("#upload-mapping").TextContent);
        Assert.Contains("Timestamp", page.Find("#upload-unmapped").TextContent);
        Assert.Contains("Coldplay", page.Find("#upload-rows").TextContent);
        Assert.Single(Api.RequestsTo(UploadPath));
        Assert.Contains("Yellow,Coldplay", Api.LastRequestTo(UploadPath).Body);

        Answers(202, Good());
        page.Find("#upload-use").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#upload-used")));
        Assert.Equal("false", Api.LastRequestTo(UploadPath).Param("preview"));
        Assert.Empty(page.FindAll("#upload-use"));
    }

    [Fact]
    public void AFileOverTenMegabytesIsRefusedBeforeItIsSent()
    {
        var page = Render<Upload>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[(10 * 1024 * 1024) + 1], "huge.csv"));

        page.WaitForAssertion(() => Assert.Contains("the limit is 10 MB", page.Find("#upload-file-problem").TextContent));
        Assert.Empty(Api.RequestsTo(UploadPath));
    }

    [Fact]
    public void AZippedDownloadIsSentAsItComesAndThePreviewSaysWhyRowsWouldBeQuarantinedAndHowDatesAreRead()
    {
        const string dateOrder = "Dates like 05/09/2025 are read day first (5 September): 1 date in the column can only be read day first.";
        Answers(200, Good() with
        {
            FileName = "responses.zip",
            Quarantined = 1,
            Columns = AdminSamples.SheetColumns with { DateOrder = dateOrder },
            QuarantineReasons = ["Row 6: Song stacks 4999 accent marks on one character (at most 4): it would spill over the rows around it"],
        });
        var page = Render<Upload>();
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00];

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip, "responses.zip"));

        page.WaitForAssertion(() => Assert.Contains("Row 6: Song stacks 4999 accent marks", page.Find("#upload-quarantine-reasons").TextContent));
        Assert.Equal(dateOrder, page.Find("#upload-date-order").TextContent);
        Assert.Contains("1 rows would go to quarantine", page.Find("#upload-quarantined").TextContent);
        Assert.Contains(".zip", page.Find("#upload-file").GetAttribute("accept"));
        Assert.Contains("filename=responses.zip", Api.LastRequestTo(UploadPath).Body);
    }
}
