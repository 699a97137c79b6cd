using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests.Faults;

[Collection(FaultsCollection.Name)]
public class WorkerKillTests(FaultsAppFixture fixture, ITestOutputHelper output)
{
    private const string Prefix = "Killed Pass Song";
    private const int Students = 32;

    /// <summary>
    /// The worker is killed (SIGKILL, no shutdown) while an enrichment pass is looking songs up, then started again.
    /// "Exactly once" here means, for the <see cref="Students"/> rows the CSV holds under this test's prefix: the store
    /// holds exactly that many responses (no duplicates: one per row, distinct ids, distinct students), every one is
    /// enriched with a track and features, none is left in the pending set, and each response's track is the one its
    /// own song was searched for (not another row's). A song looked up again after the kill is allowed (the dead
    /// pass's lookups were never stored); a lost row or a second copy of one is not.
    /// </summary>
    [Fact]
    public async Task KillingTheWorkerMidPassLosesNoRowAndEnrichesEachOnce()
    {
        // Each search answers after 1.5 s, so a pass over 32 songs (8 searches at a time) lasts about 6 s: long enough to kill it in the middle.
        fixture.Fakes.SearchFault = async _ =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            return null;
        };
        try
        {
            await fixture.AddStudentsAsync(Prefix, Students);
            await PageWaits.UntilAsync(() => Task.FromResult(SearchesFor(Prefix)), n => n >= 8, TimeSpan.FromSeconds(90));
            // Ingestion may have handed the first rows to an earlier, short pass; the rest wait for the pass being killed.
            var mid = await fixture.ResponsesAsync(Prefix);
            Assert.Equal(Students, mid.Count);
            Assert.Contains(mid, r => r.Enrichment == EnrichmentState.Pending);

            // The orchestrator's process may be a launcher with the service as its child: kill the whole tree at once.
            var pid = WorkerPid();
            var tree = ProcessTree(pid);
            using (var worker = Process.GetProcessById(pid))
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
            }

            await PageWaits.UntilAsync(() => Task.FromResult(tree.Count(IsAlive)), alive => alive == 0, TimeSpan.FromSeconds(10));
            output.WriteLine($"killed {string.Join(' ', tree)} after {SearchesFor(Prefix)} searches");

            Assert.NotEqual(Students, SearchesFor(Prefix));
            fixture.Fakes.SearchFault = null;

            // Start it again as soon as the orchestrator has seen it die (the start command is refused until then),
            // unless the orchestrator restarted it by itself.
            await PageWaits.UntilAsync(() => StartedAgainAsync(pid), started => started, TimeSpan.FromSeconds(90));
            output.WriteLine($"worker {pid} killed; now {WorkerState()}");
        }
        finally
        {
            fixture.Fakes.SearchFault = null;
        }

        var done = await fixture.WaitForEnrichedAsync(Prefix, Students, TimeSpan.FromSeconds(120));
        Assert.Equal(Students, done.Count);
        Assert.Equal(Students, done.Select(r => r.Response.Id).Distinct().Count());
        Assert.Equal(Students, done.Select(r => r.Response.FavoriteSong).Distinct().Count());
        Assert.Contains(done, r => r.Enrichment == EnrichmentState.Enriched);
        foreach (var response in done.Where(r => r.Enrichment == EnrichmentState.Enriched))
        {
            Assert.NotNull(response.Track);
            Assert.NotNull(response.Features);
            Assert.Equal(response.Response.FavoriteSong, response.Track.Name, ignoreCase: true);
        }

        // The rest are the tracks ReccoBeats leaves out: settled with the reason, not waiting.
        Assert.All(done.Where(r => r.Enrichment == EnrichmentState.Unmatched), r => Assert.StartsWith("no audio features", r.EnrichmentNote, StringComparison.Ordinal));

        var pending = await fixture.Redis.GetDatabase().SetMembersAsync(RedisKeys.Pending(FaultsAppFixture.Source));
        Assert.DoesNotContain(pending.Select(p => (string)p!), done.Select(r => r.Response.Id).Contains);
        Assert.Equal(await fixture.Store.CountAsync(FaultsAppFixture.Source), (await fixture.Store.GetAllAsync(FaultsAppFixture.Source)).Count);
    }

    /// <summary>A process and its descendants, from Linux's /proc (the tests run on Linux).</summary>
    internal static List<int> ProcessTree(int pid)
    {
        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            var tasks = $"/proc/{tree[i]}/task";
            if (!Directory.Exists(tasks))
            {
                continue;
            }

            foreach (var task in Directory.GetDirectories(tasks))
            {
                var children = Path.Combine(task, "children");
                if (File.Exists(children))
                {
                    tree.AddRange(File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
                }
            }
        }

        return tree;
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private int SearchesFor(string prefix) => fixture.Fakes.SearchQueries.Count(q => q.Contains(prefix, StringComparison.Ordinal));

    private async Task<bool> StartedAgainAsync(int killedPid)
    {
        if (WorkerState() is ("Running", { } pid) && pid != killedPid)
        {
            return true;
        }

        var started = await fixture.App.ResourceCommands.ExecuteCommandAsync("worker", KnownResourceCommands.StartCommand);
        output.WriteLine($"start while {WorkerState()}: {started.Success} {started.Message}");
        return started.Success;
    }

    private (string? State, int? Pid) WorkerState()
    {
        if (!fixture.App.ResourceNotifications.TryGetCurrentState("worker", out var state))
        {
            return (null, null);
        }

        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return (state.Snapshot.State?.Text, pid is null ? null : Convert.ToInt32(pid, CultureInfo.InvariantCulture));
    }

    private int WorkerPid()
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState("worker", out var state), "no worker resource");
        var pid = state.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }
}
