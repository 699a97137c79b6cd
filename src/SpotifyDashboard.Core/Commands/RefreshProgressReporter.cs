using SpotifyDashboard.Core.Contracts.Admin;

namespace SpotifyDashboard.Core.Commands;

/// <summary>
/// The worker's side of one refresh's <see cref="RefreshProgress"/>: writes it to the <see cref="RefreshProgressStore"/>
/// at every step, and announces it at most every <see cref="EventInterval"/>, so a progress bar can follow without a
/// flood. A new stage, and the end (<c>done</c>, <c>failed</c>), is always announced at once.
/// </summary>
public sealed class RefreshProgressReporter(RefreshProgressStore store, TimeProvider time, string id, string source)
{
    public static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(250);

    private string? _lastStage;
    private long? _lastEventAt;

    public string Id => id;

    /// <summary>The last progress written.</summary>
    public RefreshProgress? Last { get; private set; }

    public async Task ReportAsync(string stage, int done, int total, string? message)
    {
        var progress = new RefreshProgress(id, stage, done, total, message, time.GetUtcNow());
        Last = progress;
        var final = stage is RefreshStages.Done or RefreshStages.Failed;
        var announce = final || stage != _lastStage || _lastEventAt is not { } last || time.GetElapsedTime(last) >= EventInterval;
        if (announce)
        {
            _lastStage = stage;
            _lastEventAt = time.GetTimestamp();
        }

        await store.SetAsync(progress, source, announce);
    }
}
