using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The teacher's sign-in and, signed in, every teacher's page checked with axe-core once it has loaded: on the desktop
/// and on a phone, in the dark and the light theme. The class pages' checks are in <see cref="AccessibilityBrowserTests"/>.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class TeacherAccessibilityBrowserTests(AdminAppFixture fixture, ITestOutputHelper output)
{
    private string Url(string path) => new Uri(fixture.Web.BaseAddress!, path).ToString();

    [Fact]
    public async Task TheSignInAndEveryTeachersPagePassAxeInBothThemesOnTheDesktopAndOnAPhone()
    {
        var took = Stopwatch.StartNew();
        (string Path, Func<IPage, Task> Ready)[] pages =
        [
            ("/admin/sources", page => page.WaitForSelectorAsync("#source-csv-active")),
            ("/admin/quarantine", page => page.WaitForSelectorAsync($"#quarantine-row-{AdminAppFixture.QuarantinedRow}")),
            ("/admin/unmatched", page => page.WaitForSelectorAsync("#unmatched-summary")),
            ("/admin/refresh", page => page.WaitForSelectorAsync("#refresh-start")),
            ("/admin/upload", async page =>
            {
                // With a preview of the class's own file: the mapping, the first rows and the quarantined ones. Nothing is
                // used, so the class stays as it is.
                await PageWaits.WaitForInteractiveAsync(page);
                await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "class-survey.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(fixture.ClassCsv) });
                await page.WaitForSelectorAsync("#upload-preview");
            }),
            ("/admin/providers", page => page.WaitForSelectorAsync("#providers-table, #providers-empty")),
            ("/admin/signout", page => page.WaitForSelectorAsync("#signout-form")),
        ];

        var audit = new AxeAudit(output);
        foreach (var (view, mine) in PageView.Plan(pages.Length))
        {
            await using var context = await view.NewContextAsync();
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(PageWaits.PageTimeoutMs);
            var problems = PageProblems.Watch(page);

            // The theme is chosen on a class page (the sign-in page is a static form, without the toggle's circuit).
            problems.At($"/ [{view}]");
            await page.GotoAsync(Url("/"));
            await AxeAudit.UseThemeAsync(page, view);

            problems.At($"/admin/signin [{view}]");
            await page.GotoAsync(Url("/admin/signin"));
            await page.WaitForSelectorAsync("#signin-form");
            await AxeAudit.WaitForThemeAsync(page, view);
            if (mine.Contains(0))
            {
                await audit.CheckAsync(page, "/admin/signin", view);
            }

            await page.FillAsync("#signin-password", AdminAppFixture.AdminKey);
            await page.ClickAsync("#signin-submit");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/sources");

            foreach (var (path, ready) in mine.Select(i => pages[i]))
            {
                problems.At($"{path} [{view}]");
                await page.GotoAsync(Url(path));
                await ready(page);
                await AxeAudit.WaitForThemeAsync(page, view);
                await audit.CheckAsync(page, path, view);
            }

            problems.AssertNone();
        }

        output.WriteLine($"The test took {took.Elapsed.TotalSeconds:0.0} s");
        audit.AssertNone();
    }
}
