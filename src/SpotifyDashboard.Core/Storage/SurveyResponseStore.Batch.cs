using System.Text.Json;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Storage;

public sealed partial class SurveyResponseStore
{
    /// <summary>Documents per HSET of a batch: large enough to need few round trips, small enough to keep each command well under a megabyte.</summary>
    public const int BatchDocumentsPerCommand = 500;

    /// <summary>
    /// Stores many responses of one source so that readers see either none or all of them, and announces them with one
    /// event. Every reader finds responses through the time index (count, pages, <see cref="GetAllAsync"/>), so the
    /// documents are written first (in chunks, invisible until indexed) and then the whole batch enters the index and
    /// the pending set in one MULTI/EXEC. That keeps the transaction small (ids and scores only) even for 100,000 rows,
    /// where one transaction holding every document would be tens of megabytes in one request.
    /// Unlike <see cref="AddAsync"/> an existing id is overwritten, so the caller must know its ids are new or its
    /// documents identical (the demo regenerates the same students from its seed after a crash).
    /// </summary>
    public async Task AddBatchAsync(IReadOnlyList<EnrichedResponse> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        var source = items[0].Response.Source;
        if (items.Any(i => i.Response.Source != source))
        {
            throw new ArgumentException("A batch holds the responses of one source.", nameof(items));
        }

        var db = Db;
        foreach (var chunk in items.Chunk(BatchDocumentsPerCommand))
        {
            // One chunk at a time: only one chunk's JSON is held in memory, not the whole batch's.
            var fields = chunk.Select(i => new HashEntry(i.Response.Id, JsonSerializer.Serialize(i, DashboardJson.Options))).ToArray();
            await db.HashSetAsync(RedisKeys.Responses(source), fields);
        }

        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetAddAsync(
            RedisKeys.ResponsesByTime(source),
            [.. items.Select(i => new SortedSetEntry(i.Response.Id, i.Response.SubmittedAt.ToUnixTimeMilliseconds()))]);
        var pending = items.Where(i => i.Enrichment == Music.EnrichmentState.Pending).Select(i => (RedisValue)i.Response.Id).ToArray();
        var done = items.Where(i => i.Enrichment != Music.EnrichmentState.Pending).Select(i => (RedisValue)i.Response.Id).ToArray();
        if (pending.Length > 0)
        {
            _ = transaction.SetAddAsync(RedisKeys.Pending(source), pending);
        }

        if (done.Length > 0)
        {
            _ = transaction.SetRemoveAsync(RedisKeys.Pending(source), done);
        }

        CountChange(transaction, source);
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException($"Indexing a batch of {items.Count} responses of {source} failed.");
        }

        await PublishAsync(new StoreEvent(StoreEvent.ResponseAdded, source, null, DateTimeOffset.UtcNow));
    }
}
