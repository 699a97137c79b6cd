using System.Text.Json;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// Accepted responses of each source in Redis: a hash of JSON documents by id, and a sorted set
/// by submission time for newest-first paging. Writes are idempotent by id.
/// </summary>
public sealed class SurveyResponseStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// Stores the response unless one with the same id exists; true when it was new. A bulk load
    /// passes <paramref name="announce"/> false and publishes one event for the whole batch, so
    /// listeners are not flooded.
    /// </summary>
    public async Task<bool> AddAsync(EnrichedResponse item, bool announce = true)
    {
        var source = item.Response.Source;
        var json = JsonSerializer.Serialize(item, StoreJson.Options);
        var added = await Db.HashSetAsync(RedisKeys.Responses(source), item.Response.Id, json, When.NotExists);
        if (added)
        {
            await Db.SortedSetAddAsync(RedisKeys.ResponsesByTime(source), item.Response.Id, item.Response.SubmittedAt.ToUnixTimeMilliseconds());
            await TrackPendingAsync(item);
            if (announce)
            {
                await PublishAsync(new StoreEvent(StoreEvent.ResponseAdded, source, item.Response.Id, DateTimeOffset.UtcNow));
            }
        }

        return added;
    }

    /// <summary>Replaces a stored response (e.g. when enrichment finishes); the id must exist.</summary>
    public async Task UpdateAsync(EnrichedResponse item)
    {
        var json = JsonSerializer.Serialize(item, StoreJson.Options);
        await Db.HashSetAsync(RedisKeys.Responses(item.Response.Source), item.Response.Id, json);
        await Db.SortedSetAddAsync(RedisKeys.ResponsesByTime(item.Response.Source), item.Response.Id, item.Response.SubmittedAt.ToUnixTimeMilliseconds());
        await TrackPendingAsync(item);
    }

    /// <summary>Ids of the responses still waiting for enrichment.</summary>
    public async Task<IReadOnlyList<string>> GetPendingIdsAsync(string source) =>
        [.. (await Db.SetMembersAsync(RedisKeys.Pending(source))).Select(v => v.ToString())];

    /// <summary>The responses with these ids (missing ids are skipped).</summary>
    public Task<IReadOnlyList<EnrichedResponse>> GetManyAsync(string source, IEnumerable<string> ids) =>
        ReadManyAsync(source, [.. ids.Select(id => (RedisValue)id)]);

    private Task TrackPendingAsync(EnrichedResponse item) =>
        item.Enrichment == Music.EnrichmentState.Pending
            ? Db.SetAddAsync(RedisKeys.Pending(item.Response.Source), item.Response.Id)
            : Db.SetRemoveAsync(RedisKeys.Pending(item.Response.Source), item.Response.Id);

    /// <summary>Removes a response (a row edited or deleted in the source).</summary>
    public Task RemoveAsync(string source, string id) =>
        Task.WhenAll(
            Db.HashDeleteAsync(RedisKeys.Responses(source), id),
            Db.SortedSetRemoveAsync(RedisKeys.ResponsesByTime(source), id),
            Db.SetRemoveAsync(RedisKeys.Pending(source), id));

    public Task<long> CountAsync(string source) => Db.SortedSetLengthAsync(RedisKeys.ResponsesByTime(source));

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<EnrichedResponse>> GetPageAsync(string source, int offset, int limit)
    {
        if (limit <= 0)
        {
            return [];
        }

        var ids = await Db.SortedSetRangeByRankAsync(RedisKeys.ResponsesByTime(source), offset, offset + limit - 1, Order.Descending);
        return await ReadManyAsync(source, ids);
    }

    public async Task<EnrichedResponse?> GetAsync(string source, string id)
    {
        var json = await Db.HashGetAsync(RedisKeys.Responses(source), id);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<EnrichedResponse>(json.ToString(), StoreJson.Options);
    }

    /// <summary>Every response of the source, oldest first.</summary>
    public async Task<IReadOnlyList<EnrichedResponse>> GetAllAsync(string source)
    {
        var ids = await Db.SortedSetRangeByRankAsync(RedisKeys.ResponsesByTime(source));
        return await ReadManyAsync(source, ids);
    }

    public Task PublishAsync(StoreEvent storeEvent) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.EventsChannel), JsonSerializer.Serialize(storeEvent, StoreJson.Options));

    private async Task<IReadOnlyList<EnrichedResponse>> ReadManyAsync(string source, RedisValue[] ids)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await Db.HashGetAsync(RedisKeys.Responses(source), ids);
        return values
            .Where(v => !v.IsNullOrEmpty)
            .Select(v => JsonSerializer.Deserialize<EnrichedResponse>(v.ToString(), StoreJson.Options)!)
            .ToList();
    }
}
