using SpotifyDashboard.Core.Ingestion;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public static class AdminSamples
{
    public static readonly SourceColumns SheetColumns = new(
        [new ColumnMatch("Song", "Favourite song", 2), new ColumnMatch("Artist", "Artist", 3), new ColumnMatch("Major", "Your major", 4)],
        ["Timestamp", "Email", "Favourite song", "Artist", "Your major", "Pet"],
        ["Pet"]);

    public static AdminSourcesView Sources(bool overridden = false) => new(
        ActiveSource: overridden ? "demo" : "sheet",
        ConfiguredSource: "sheet",
        Overridden: overridden,
        Sources:
        [
            new AdminSourceView("sheet", "GoogleSheet", !overridden,
                new SourceStatus { Name = "sheet", Kind = "GoogleSheet", RowsRead = 40, Accepted = 36, Quarantined = 3, Duplicates = 1, LastReadAt = WebTestContextNow },
                SheetColumns,
                "Google.GoogleApiException: The caller does not have permission [403] at https://sheets.googleapis.com/v4/spreadsheets/abc",
                36),
            new AdminSourceView("demo", "Demo", overridden, null, null, null, 0),
        ]);

    public static AdminQuarantinePage Quarantine() => new(2,
    [
        new QuarantinedRow("q1", 7, new Dictionary<string, string> { ["Favourite song"] = "", ["Artist"] = "Adele", ["Your major"] = "Law", ["Pet"] = "cat" },
            ["The song is empty", "The major is not one of the form's choices"]),
        new QuarantinedRow("q2", 12, new Dictionary<string, string> { ["Favourite song"] = "Yellow", ["Artist"] = "", ["Your major"] = "Biology" },
            ["The artist is empty"]),
    ]);

    private static readonly DateTimeOffset WebTestContextNow = Infrastructure.WebTestContext.Now;
}
