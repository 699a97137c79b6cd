using System.Text.Json;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// Accepted responses of each source in Redis: a hash of JSON documents by id, and a sorted set
/// by submission time for newest-first paging. Writes are idempotent by id, and each is one
/// MULTI/EXEC over the document, the time index and the pending set, so a crash or a concurrent
/// writer never leaves them disagreeing. Updates are compare-and-set (<see cref="UpdateAsync"/>). The same
/// transactions keep a set of pending and a set of unmatched ids, so the counts by state are counters
/// (<see cref="CountStatesAsync"/>), never a scan.
/// </summary>
public sealed partial class SurveyResponseStore(IConnectionMultiplexer redis, ILogger<SurveyResponseStore>? logger = null)
{
    /// <summary>
    /// Tries of an update before it gives up. A conflict means another write to the same source's hash landed
    /// between our read and our EXEC (WATCH is per key, not per field); a handful of retries covers a busy class.
    /// </summary>
    public const int MaxUpdateAttempts = 10;

    /// <summary>
    /// Documents per HMGET (or HSCAN page) of a read of many. One command for a whole class answers 15 MB at 10,000
    /// students, and the cache builds such a reply in a buffer it doubles until it fits (16 MB, after 8, 4, 2 and 1),
    /// which stays resident after the read. 250 documents answer about 400 KB.
    /// </summary>
    public const int ReadDocumentsPerCommand = 250;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// Stores the response unless one with the same id exists; true when it was new. A bulk load
    /// passes <paramref name="announce"/> false and publishes one event for the whole batch, so
    /// listeners are not flooded.
    /// </summary>
    public async Task<bool> AddAsync(EnrichedResponse item, bool announce = true)
    {
        var source = item.Response.Source;
        var id = item.Response.Id;
        var json = JsonSerializer.Serialize(item, DashboardJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            var transaction = Db.CreateTransaction();
            var isNew = transaction.AddCondition(Condition.HashNotExists(RedisKeys.Responses(source), id));
            _ = transaction.HashSetAsync(RedisKeys.Responses(source), id, json);
            _ = transaction.SortedSetAddAsync(RedisKeys.ResponsesByTime(source), id, item.Response.SubmittedAt.ToUnixTimeMilliseconds());
            TrackState(transaction, item);
            CountChange(transaction, source);
            if (await transaction.ExecuteAsync())
            {
                break;
            }

            if (!isNew.WasSatisfied)
            {
                return false;
            }

            // The id was free, but another write to the hash aborted the EXEC: try again.
            if (attempt == MaxUpdateAttempts)
            {
                throw new RedisException($"Adding response {id} of {source} kept conflicting with other writes ({attempt} tries).");
            }

            await Backoff(attempt);
        }

        if (announce)
        {
            await PublishAsync(new StoreEvent(StoreEvent.ResponseAdded, source, id, DateTimeOffset.UtcNow));
        }

        return true;
    }

    /// <summary>
    /// Changes a stored response without losing a concurrent write: reads it, applies <paramref name="change"/>
    /// and writes the result only if the document is still the one read (WATCH + <c>Condition.HashEqual</c>);
    /// on a conflict it reads again and applies <paramref name="change"/> to the newer document. So
    /// <paramref name="change"/> must be a function of what it is given (it may run several times), and returns
    /// null when there is nothing to do, e.g. the document already moved on. A response that is gone (a full
    /// re-read removed it) is never written back.
    /// </summary>
    public async Task<ResponseUpdateOutcome> UpdateAsync(string source, string id, Func<EnrichedResponse, EnrichedResponse?> change)
    {
        var key = RedisKeys.Responses(source);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var json = await Db.HashGetAsync(key, id);
            if (json.IsNullOrEmpty)
            {
                return ResponseUpdateOutcome.Missing;
            }

            var current = Deserialize(json);
            var changed = change(current);
            if (changed is null)
            {
                return ResponseUpdateOutcome.Unchanged;
            }

            if (changed.Response.Id != id || changed.Response.Source != source)
            {
                throw new InvalidOperationException($"An update of response {id} of {source} may not change its id or source.");
            }

            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.HashEqual(key, id, json));
            _ = transaction.HashSetAsync(key, id, JsonSerializer.Serialize(changed, DashboardJson.Options));
            TrackState(transaction, changed);
            CountChange(transaction, source);
            if (await transaction.ExecuteAsync())
            {
                return ResponseUpdateOutcome.Updated;
            }

            await Backoff(attempt);
        }

        if (logger is not null)
        {
            LogGaveUp(logger, id, source, MaxUpdateAttempts);
        }

        return ResponseUpdateOutcome.GaveUp;
    }

    /// <summary>A short random pause, so two writers that conflicted do not collide again in lockstep.</summary>
    private static Task Backoff(int attempt) => Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 4)));

    /// <summary>Ids of the responses still waiting for enrichment.</summary>
    public async Task<IReadOnlyList<string>> GetPendingIdsAsync(string source) =>
        [.. (await Db.SetMembersAsync(RedisKeys.Pending(source))).Select(v => v.ToString())];

    /// <summary>The responses with these ids (missing ids are skipped).</summary>
    public Task<IReadOnlyList<EnrichedResponse>> GetManyAsync(string source, IEnumerable<string> ids) =>
        ReadManyAsync(source, [.. ids.Select(id => (RedisValue)id)]);

    /// <summary>The response's id in the pending or the unmatched set, as its state says, and out of the other.</summary>
    private static void TrackState(ITransaction transaction, EnrichedResponse item)
    {
        var (source, id) = (item.Response.Source, item.Response.Id);
        _ = item.Enrichment == Music.EnrichmentState.Pending
            ? transaction.SetAddAsync(RedisKeys.Pending(source), id)
            : transaction.SetRemoveAsync(RedisKeys.Pending(source), id);
        _ = item.Enrichment == Music.EnrichmentState.Unmatched
            ? transaction.SetAddAsync(RedisKeys.Unmatched(source), id)
            : transaction.SetRemoveAsync(RedisKeys.Unmatched(source), id);
    }

    /// <summary>Every write of a source's responses bumps its <see cref="RedisKeys.ResponseChanges"/> counter in the same transaction.</summary>
    private static void CountChange(ITransaction transaction, string source) =>
        _ = transaction.StringIncrementAsync(RedisKeys.ResponseChanges(source));

    /// <summary>
    /// The source's change counter (<see cref="RedisKeys.ResponseChanges"/>): equal before and after means nothing was
    /// written between. 0 before the first write. A cache that kept no data and restarted counts from 0 again, so a
    /// reader could in theory hold an equal stamp for different data; the events each write sends reload readers anyway,
    /// the counter only spares the fallback polls.
    /// </summary>
    public async Task<long> GetChangeStampAsync(string source) =>
        (long?)await Db.StringGetAsync(RedisKeys.ResponseChanges(source)) ?? 0;

    /// <summary>Removes a response (a row edited or deleted in the source): document, time index and pending set at once.</summary>
    public async Task RemoveAsync(string source, string id)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.HashDeleteAsync(RedisKeys.Responses(source), id);
        _ = transaction.SortedSetRemoveAsync(RedisKeys.ResponsesByTime(source), id);
        _ = transaction.SetRemoveAsync(RedisKeys.Pending(source), id);
        _ = transaction.SetRemoveAsync(RedisKeys.Unmatched(source), id);
        CountChange(transaction, source);
        await transaction.ExecuteAsync();
    }

    public Task<long> CountAsync(string source) => Db.SortedSetLengthAsync(RedisKeys.ResponsesByTime(source));

    /// <summary>Stored responses by enrichment state, from the time index and the two state sets: three counters, no scan.</summary>
    public async Task<ResponseStateCounts> CountStatesAsync(string source)
    {
        var batch = Db.CreateBatch();
        var stored = batch.SortedSetLengthAsync(RedisKeys.ResponsesByTime(source));
        var pending = batch.SetLengthAsync(RedisKeys.Pending(source));
        var unmatched = batch.SetLengthAsync(RedisKeys.Unmatched(source));
        batch.Execute();
        return ResponseStateCounts.FromCounters(await stored, await pending, await unmatched);
    }

    /// <summary>
    /// Makes the state sets agree with the documents, once, for data written before the unmatched set existed (or keys
    /// deleted by hand). Each fix is conditional on the document being the one read, so it never undoes a write made
    /// meanwhile: every write keeps the sets right by itself. Returns how many entries it fixed.
    /// </summary>
    public async Task<int> ReconcileStateSetsAsync(string source)
    {
        var fixes = 0;
        var documents = new Dictionary<string, (RedisValue Json, Music.EnrichmentState Enrichment)>(StringComparer.Ordinal);
        // HSCAN a page at a time rather than one HGETALL: see ReadDocumentsPerCommand. A scan may repeat an entry.
        await foreach (var entry in Db.HashScanAsync(RedisKeys.Responses(source), pageSize: ReadDocumentsPerCommand))
        {
            documents[entry.Name.ToString()] = (entry.Value, Deserialize(entry.Value).Enrichment);
        }

        foreach (var (setKey, state) in new[] { (RedisKeys.Pending(source), Music.EnrichmentState.Pending), (RedisKeys.Unmatched(source), Music.EnrichmentState.Unmatched) })
        {
            var members = (await Db.SetMembersAsync(setKey)).Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, (json, enrichment)) in documents)
            {
                var inState = enrichment == state;
                if (inState != members.Contains(id) && await FixAsync(setKey, id, add: inState, Condition.HashEqual(RedisKeys.Responses(source), id, json)))
                {
                    fixes++;
                }
            }

            foreach (var id in members.Where(m => !documents.ContainsKey(m)))
            {
                if (await FixAsync(setKey, id, add: false, Condition.HashNotExists(RedisKeys.Responses(source), id)))
                {
                    fixes++;
                }
            }
        }

        return fixes;
    }

    private async Task<bool> FixAsync(string setKey, string id, bool add, Condition unchanged)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(unchanged);
        _ = add ? transaction.SetAddAsync(setKey, id) : transaction.SetRemoveAsync(setKey, id);
        return await transaction.ExecuteAsync();
    }

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
        return json.IsNullOrEmpty ? null : Deserialize(json);
    }

    /// <summary>Every response of the source, oldest first.</summary>
    public async Task<IReadOnlyList<EnrichedResponse>> GetAllAsync(string source)
    {
        var ids = await Db.SortedSetRangeByRankAsync(RedisKeys.ResponsesByTime(source));
        return await ReadManyAsync(source, ids);
    }

    public Task PublishAsync(StoreEvent storeEvent) => redis.PublishEventAsync(storeEvent);

    private async Task<IReadOnlyList<EnrichedResponse>> ReadManyAsync(string source, RedisValue[] ids)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        // Every chunk's HMGET is sent at once (pipelined), so the chunks cost one round trip, not one each; awaited
        // together, so a failure of one is the read's error and none is left unobserved.
        var db = Db;
        var key = RedisKeys.Responses(source);
        var chunks = await Task.WhenAll(ids.Chunk(ReadDocumentsPerCommand).Select(chunk => db.HashGetAsync(key, chunk)));
        var responses = new List<EnrichedResponse>(ids.Length);
        foreach (var chunk in chunks)
        {
            foreach (var value in chunk)
            {
                if (!value.IsNullOrEmpty)
                {
                    responses.Add(Deserialize(value));
                }
            }
        }

        return responses;
    }

    /// <summary>Straight from the UTF-8 bytes Redis sent, without a string of each document in between.</summary>
    private static EnrichedResponse Deserialize(RedisValue json) =>
        JsonSerializer.Deserialize<EnrichedResponse>(((ReadOnlyMemory<byte>)json).Span, DashboardJson.Options)!;

    // Static, with the logger passed in: the store also works without one (tools and tests construct it bare).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up updating response {Id} of {Source} after {Attempts} conflicting writes; the next pass tries again")]
    private static partial void LogGaveUp(ILogger logger, string id, string source, int attempts);
}

/// <summary>What <see cref="SurveyResponseStore.UpdateAsync"/> did.</summary>
public enum ResponseUpdateOutcome
{
    /// <summary>The change was written.</summary>
    Updated,

    /// <summary>The change function found nothing to do.</summary>
    Unchanged,

    /// <summary>No response with that id (e.g. a full re-read removed it); nothing was written.</summary>
    Missing,

    /// <summary>Every try conflicted with another write; nothing was written (and it was logged).</summary>
    GaveUp,
}
