using System.Text.Json;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Storage;

/// <summary>Reads and writes each source's <see cref="SourceStatus"/> and ingest checkpoint.</summary>
public sealed class SourceStatusStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<SourceStatus?> GetAsync(string source)
    {
        var json = await Db.StringGetAsync(RedisKeys.SourceStatus(source));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SourceStatus>(json.ToString(), DashboardJson.Options);
    }

    public Task SetAsync(SourceStatus status) =>
        Db.StringSetAsync(RedisKeys.SourceStatus(status.Name), JsonSerializer.Serialize(status, DashboardJson.Options));

    public async Task<T?> GetCheckpointAsync<T>(string source)
    {
        var json = await Db.StringGetAsync(RedisKeys.Checkpoint(source));
        return json.IsNullOrEmpty ? default : JsonSerializer.Deserialize<T>(json.ToString(), DashboardJson.Options);
    }

    public Task SetCheckpointAsync<T>(string source, T checkpoint) =>
        Db.StringSetAsync(RedisKeys.Checkpoint(source), JsonSerializer.Serialize(checkpoint, DashboardJson.Options));

    /// <summary>
    /// The full text of the source's last error (paths, URLs, upstream messages) for the teacher's Sources page; the
    /// public <see cref="SourceStatus.Error"/> stays short and generic. Null when there is none.
    /// </summary>
    public async Task<string?> GetDetailAsync(string source)
    {
        var value = await Db.StringGetAsync(RedisKeys.SourceErrorDetail(source));
        return value.IsNullOrEmpty ? null : value.ToString();
    }

    public Task SetDetailAsync(string source, string? detail) =>
        detail is null
            ? Db.KeyDeleteAsync(RedisKeys.SourceErrorDetail(source))
            : Db.StringSetAsync(RedisKeys.SourceErrorDetail(source), detail);
}

/// <summary>
/// How far reading one survey source got. <see cref="RowsRead"/> always equals
/// <see cref="Accepted"/> + <see cref="Quarantined"/> + <see cref="Duplicates"/>: no row is lost without a trace.
/// </summary>
public sealed record SourceStatus
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public long RowsRead { get; init; }
    public long Accepted { get; init; }
    public long Quarantined { get; init; }
    public long Duplicates { get; init; }
    public DateTimeOffset? LastReadAt { get; init; }
    public string? Error { get; init; }
}
