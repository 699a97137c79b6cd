using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Commands;

/// <summary>
/// Each refresh's progress at <see cref="RedisKeys.Refresh"/>, kept a day: the api writes it when it queues the refresh,
/// the worker moves it on (through a <see cref="RefreshProgressReporter"/>), the api reads it for the teacher. A write
/// may be announced with a <c>refresh-progress</c> event for the web's live view.
/// </summary>
public sealed class RefreshProgressStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private IDatabase Db => redis.GetDatabase();

    public async Task<RefreshProgress?> GetAsync(string id)
    {
        var json = await Db.StringGetAsync(RedisKeys.Refresh(id));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<RefreshProgress>(json.ToString(), DashboardJson.Options);
    }

    public async Task SetAsync(RefreshProgress progress, string source, bool announce = true)
    {
        await Db.StringSetAsync(RedisKeys.Refresh(progress.Id), JsonSerializer.Serialize(progress, DashboardJson.Options), Lifetime);
        if (announce)
        {
            await redis.PublishEventAsync(new StoreEvent(StoreEvent.RefreshProgress, source, progress.Id, progress.UpdatedAt));
        }
    }
}

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
