using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Commands;

/// <summary>
/// Writes a refresh's <see cref="RefreshProgress"/> at <see cref="RedisKeys.Refresh"/> (kept a day) at every step, and
/// announces it with a <c>refresh-progress</c> event at most every <see cref="EventInterval"/>, so a progress bar can
/// follow without a flood. A new stage, and the end (<c>done</c>, <c>failed</c>), is always announced at once.
/// </summary>
public sealed class RefreshProgressReporter(IConnectionMultiplexer redis, TimeProvider time, string id, string source)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(250);

    private string? _lastStage;
    private long? _lastEventAt;

    public string Id => id;

    /// <summary>The last progress written.</summary>
    public RefreshProgress? Last { get; private set; }

    public async Task ReportAsync(string stage, int done, int total, string? message)
    {
        var now = time.GetUtcNow();
        var progress = new RefreshProgress(id, stage, done, total, message, now);
        Last = progress;
        var db = redis.GetDatabase();
        await db.StringSetAsync(RedisKeys.Refresh(id), JsonSerializer.Serialize(progress, DashboardJson.Options), Lifetime);

        var final = stage is RefreshStages.Done or RefreshStages.Failed;
        if (final || stage != _lastStage || _lastEventAt is not { } last || time.GetElapsedTime(last) >= EventInterval)
        {
            _lastStage = stage;
            _lastEventAt = time.GetTimestamp();
            await db.PublishAsync(
                RedisChannel.Literal(RedisKeys.EventsChannel),
                JsonSerializer.Serialize(new StoreEvent(StoreEvent.RefreshProgress, source, id, now), DashboardJson.Options));
        }
    }
}
