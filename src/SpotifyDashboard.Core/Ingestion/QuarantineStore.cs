using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Ingestion;

/// <summary>
/// Quarantined rows of each source (a hash: row id → JSON at <see cref="RedisKeys.Quarantine"/>),
/// and the header mapping last found, both read by the api.
/// </summary>
public sealed class QuarantineStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public Task AddAsync(string source, IEnumerable<QuarantinedRow> rows)
    {
        var entries = rows.Select(r => new HashEntry(r.Id, JsonSerializer.Serialize(r, DashboardJson.Options))).ToArray();
        return entries.Length == 0 ? Task.CompletedTask : Db.HashSetAsync(RedisKeys.Quarantine(source), entries);
    }

    /// <summary>After a full re-read the quarantine is exactly what that read found (fixed rows leave it).</summary>
    public async Task ReplaceAllAsync(string source, IReadOnlyCollection<QuarantinedRow> rows)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync(RedisKeys.Quarantine(source));
        if (rows.Count > 0)
        {
            _ = transaction.HashSetAsync(RedisKeys.Quarantine(source),
                [.. rows.Select(r => new HashEntry(r.Id, JsonSerializer.Serialize(r, DashboardJson.Options)))]);
        }

        await transaction.ExecuteAsync();
    }

    public Task<long> CountAsync(string source) => Db.HashLengthAsync(RedisKeys.Quarantine(source));

    /// <summary>Every quarantined row, in source row order.</summary>
    public async Task<IReadOnlyList<QuarantinedRow>> GetAllAsync(string source)
    {
        var values = await Db.HashValuesAsync(RedisKeys.Quarantine(source));
        return [.. values
            .Select(v => JsonSerializer.Deserialize<QuarantinedRow>(v.ToString(), DashboardJson.Options)!)
            .OrderBy(r => r.Row)];
    }

    public async Task<QuarantinePage> GetPageAsync(string source, int offset, int limit)
    {
        var all = await GetAllAsync(source);
        return new QuarantinePage(all.Count, [.. all.Skip(offset).Take(limit).Select(QuarantineItem.From)]);
    }

    public Task SetColumnsAsync(string source, SourceColumns columns) =>
        Db.StringSetAsync(RedisKeys.Columns(source), JsonSerializer.Serialize(columns, DashboardJson.Options));

    public async Task<SourceColumns?> GetColumnsAsync(string source)
    {
        var json = await Db.StringGetAsync(RedisKeys.Columns(source));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SourceColumns>(json.ToString(), DashboardJson.Options);
    }

    /// <summary>The mapping found and the last error of a source: what <c>/api/status</c> should add.</summary>
    public async Task<IngestionStatus> GetIngestionStatusAsync(string source, SourceStatusStore statuses)
    {
        var columns = await GetColumnsAsync(source);
        var status = await statuses.GetAsync(source);
        return new IngestionStatus(source, columns, status?.Error);
    }
}

/// <summary>
/// A source row that could not be used, kept with everything needed to fix it at the source:
/// its 1-based row number (the header is row 1), the raw cells by header, and every reason.
/// </summary>
public sealed record QuarantinedRow(
    string Id,
    int Row,
    IReadOnlyDictionary<string, string> Raw,
    IReadOnlyList<string> Reasons);

/// <summary><c>GET /api/quarantine</c>.</summary>
public sealed record QuarantinePage(long Total, IReadOnlyList<QuarantineItem> Items);

/// <summary>One quarantined row as the api shows it.</summary>
public sealed record QuarantineItem(int Row, IReadOnlyDictionary<string, string> Raw, IReadOnlyList<string> Reasons)
{
    public static QuarantineItem From(QuarantinedRow row) => new(row.Row, row.Raw, row.Reasons);
}

/// <summary>
/// Which source column each survey field was read from, and the headers nobody asked for. <see cref="DateOrder"/> says
/// how dates like 05/09/2025 were read and why, when the timestamp column has such dates.
/// </summary>
public sealed record SourceColumns(
    IReadOnlyList<ColumnMatch> Matches,
    IReadOnlyList<string> HeadersSeen,
    IReadOnlyList<string> Unmapped,
    string? DateOrder = null);

/// <summary>Field (e.g. "Song") read from the column with this header (0-based index).</summary>
public sealed record ColumnMatch(string Field, string Header, int Column);

/// <summary>What <c>/api/status</c> can add per source: the mapping found and the last error.</summary>
public sealed record IngestionStatus(string Source, SourceColumns? Columns, string? Error);
