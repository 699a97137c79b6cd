using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Validation;
using StackExchange.Redis;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// Turns a read of a source into stored responses, quarantine, checkpoint and status. Only rows
/// after the checkpoint are processed; when rows above it changed or vanished the whole table is
/// processed again and the store is made to match it exactly (idempotent: ids are content hashes).
/// Every row ends up accepted, quarantined or a duplicate, so the counts always reconcile.
/// </summary>
public sealed partial class SurveyIngestor(
    SurveyResponseStore responses,
    QuarantineStore quarantine,
    SourceStatusStore statuses,
    HeaderMapper mapper,
    IOptions<SurveyOptions> options,
    NamePolicy names,
    TimeProvider time,
    ILogger<SurveyIngestor> logger)
{
    /// <summary>Writes in flight at once: pipelined on one connection, so a first read of a big sheet is not one round trip per row.</summary>
    private const int WriteBatch = 256;

    /// <param name="fullRead">Ignore the checkpoint and process every row (a refresh); the store is made to match the table.</param>
    /// <exception cref="HeaderMappingException">A required column is missing; nothing is written.</exception>
    public async Task<IngestResult> IngestAsync(string source, SurveySourceKind kind, SurveyTable table, bool fullRead = false, CancellationToken cancellationToken = default)
    {
        var mapping = mapper.Map(table.Headers);
        var timestampColumn = mapping.ColumnOf(SurveyField.Timestamp)!.Value;
        var ids = table.Rows.Select(r => RowIdentity.RowId(names.Pseudonymizer, r.Cells[timestampColumn], r.Cells)).ToArray();
        var chain = RowIdentity.Chain(table.Headers, ids);
        var validator = new RowValidator(options.Value.WithSourceDefaults(table.TimeZone, table.Locale)).ForTable(table, mapping);

        var checkpoint = await statuses.GetCheckpointAsync<IngestCheckpoint>(source);
        var incremental = !fullRead
            && checkpoint is not null
            && checkpoint.RowCount <= ids.Length
            && chain[checkpoint.RowCount] == checkpoint.ChainHash
            && (validator.DateOrder.DayMonthDates == 0 || checkpoint.DateOrder == validator.DateOrder.Order);
        if (checkpoint is not null && !incremental && !fullRead)
        {
            LogChangedAboveCheckpoint(source, checkpoint.RowCount + 1, ids.Length);
        }

        var start = incremental ? checkpoint!.RowCount : 0;
        var (accepted, quarantined, duplicates) = incremental ? (checkpoint!.Accepted, checkpoint.Quarantined, checkpoint.Duplicates) : (0L, 0L, 0L);
        var seen = new HashSet<string>(ids.Take(start));
        var newResponses = new List<SurveyResponse>();
        var newQuarantine = new List<QuarantinedRow>();
        for (var i = start; i < ids.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(ids[i]))
            {
                duplicates++;
                continue;
            }

            var row = table.Rows[i];
            var check = validator.Validate(row.Cells, mapping);
            if (check.Row is { } valid)
            {
                newResponses.Add(ToResponse(source, ids[i], valid));
                accepted++;
            }
            else
            {
                newQuarantine.Add(new QuarantinedRow(ids[i], row.Number, RawForPeople(table.Headers, row.Cells, mapping), check.Reasons));
                quarantined++;
            }
        }

        var (added, removed, superseded) = newResponses.Count > 0 || !incremental
            ? await StoreAsync(source, newResponses, replaceAll: !incremental)
            : (0, 0, 0);

        if (incremental)
        {
            await quarantine.AddAsync(source, newQuarantine);
        }
        else
        {
            await quarantine.ReplaceAllAsync(source, newQuarantine);
        }

        await quarantine.SetColumnsAsync(source, mapping.ToReport(validator.DateOrder));
        await statuses.SetCheckpointAsync(source, new IngestCheckpoint(ids.Length, chain[^1], ids.LastOrDefault(), accepted, quarantined, duplicates, validator.DateOrder.Order));
        await statuses.SetAsync(new SourceStatus
        {
            Name = source,
            Kind = kind.ToString(),
            RowsRead = ids.Length,
            Accepted = accepted,
            Quarantined = quarantined,
            Duplicates = duplicates,
            LastReadAt = time.GetUtcNow(),
            Error = null,
        });

        var result = new IngestResult(source, !incremental, ids.Length - start, ids.Length, accepted, quarantined, duplicates, added, removed, superseded);
        if (result.NewRows > 0 || removed > 0)
        {
            LogIngested(source, result.NewRows, incremental ? "incremental" : "full read", ids.Length, accepted, quarantined, duplicates, added, removed, superseded);
        }

        return result;
    }

    private SurveyResponse ToResponse(string source, string id, SurveyResponse row) => row with
    {
        Id = id,
        Source = source,
        // Without a name each row is its own student; the id keeps the handle unique and stable.
        Student = names.Pseudonymizer.HandleFor(row.Name is { Length: > 0 } name ? name : $"\u0000row {id}"),
        Name = names.StoreNames && row.Name is { Length: > 0 } ? row.Name : null,
    };

    /// <summary>
    /// Adds the new responses, sets <see cref="SurveyResponse.SupersededBy"/> so each student's latest
    /// answer is the one that counts, and on a full read removes responses the source no longer has.
    /// </summary>
    private async Task<(int Added, int Removed, int Superseded)> StoreAsync(string source, List<SurveyResponse> fresh, bool replaceAll)
    {
        var stored = (await responses.GetAllAsync(source)).ToDictionary(r => r.Response.Id);
        var current = replaceAll
            ? fresh.ToDictionary(r => r.Id)
            : stored.Values.Select(s => s.Response).Concat(fresh).DistinctBy(r => r.Id).ToDictionary(r => r.Id);
        var affectedStudents = replaceAll ? null : fresh.Select(r => r.Student).ToHashSet();

        var latestOf = current.Values
            .Where(r => affectedStudents is null || affectedStudents.Contains(r.Student))
            .GroupBy(r => r.Student)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => (r.SubmittedAt, r.Id))!.Id);

        var writes = new List<Func<Task>>();
        var added = 0;
        var superseded = 0;
        foreach (var response in current.Values)
        {
            if (!latestOf.TryGetValue(response.Student, out var latest))
            {
                continue;
            }

            var supersededBy = latest == response.Id ? null : latest;
            if (supersededBy is not null)
            {
                superseded++;
            }

            if (!stored.TryGetValue(response.Id, out var existing))
            {
                var item = new EnrichedResponse { Response = response with { SupersededBy = supersededBy }, Enrichment = EnrichmentState.Pending };
                writes.Add(() => responses.AddAsync(item, announce: false));
                added++;
            }
            else if (existing.Response.SubmittedAt != response.SubmittedAt)
            {
                // The same row read as another instant (a newer row settled its column's day/month order): filed
                // again under its new time, its enrichment kept.
                var moved = existing with { Response = response with { SupersededBy = supersededBy } };
                writes.Add(async () =>
                {
                    await responses.RemoveAsync(source, moved.Response.Id);
                    await responses.AddAsync(moved, announce: false);
                });
            }
            else if (existing.Response.SupersededBy != supersededBy)
            {
                // Compare-and-set: an enrichment result written since our read is kept, and a response a
                // concurrent removal took away is not brought back.
                var id = response.Id;
                writes.Add(() => responses.UpdateAsync(source, id, ResponseChanges.Supersede(supersededBy)));
            }
        }

        var stale = replaceAll ? stored.Keys.Where(id => !current.ContainsKey(id)).ToList() : [];
        writes.AddRange(stale.Select(id => (Func<Task>)(() => responses.RemoveAsync(source, id))));

        foreach (var batch in writes.Chunk(WriteBatch))
        {
            await Task.WhenAll(batch.Select(write => write()));
        }

        if (added > 0)
        {
            // One event for the whole read: a first load of thousands of rows must not flood listeners.
            await responses.PublishAsync(new StoreEvent(StoreEvent.ResponseAdded, source, null, DateTimeOffset.UtcNow));
        }

        return (added, stale.Count, superseded);
    }

    /// <summary>
    /// The raw cells by header, as the api shows them: the name column shows the pseudonym (unless
    /// names may be stored) and e-mail columns are hidden; the row number identifies the row.
    /// </summary>
    private Dictionary<string, string> RawForPeople(IReadOnlyList<string> headers, IReadOnlyList<string> cells, HeaderMapping mapping)
    {
        var nameColumn = mapping.ColumnOf(SurveyField.Name);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var header = i < headers.Count && headers[i].Length > 0 ? headers[i] : $"Column {i + 1}";
            var key = header;
            for (var n = 2; raw.ContainsKey(key); n++)
            {
                key = $"{header} ({n})";
            }

            raw[key] = cells[i].Length == 0 || names.StoreNames ? cells[i]
                : i == nameColumn ? names.Pseudonymizer.HandleFor(cells[i])
                : IsEmailHeader(header) ? "(hidden)"
                : cells[i];
        }

        return raw;
    }

    private static bool IsEmailHeader(string header) =>
        HeaderText.Words(header).Any(w => w is "email" or "mail" or "correo" or "courriel");

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: rows above the checkpoint (row {Row}) changed or vanished; re-reading all {Rows} rows")]
    private partial void LogChangedAboveCheckpoint(string source, int row, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: {NewRows} new rows ({Mode}); now {RowsRead} read = {Accepted} accepted + {Quarantined} quarantined + {Duplicates} duplicates; {Added} added, {Removed} removed, {Superseded} superseded")]
    private partial void LogIngested(string source, int newRows, string mode, int rowsRead, long accepted, long quarantined, long duplicates, int added, int removed, int superseded);
}

/// <summary>What one read of a source did. <see cref="RowsRead"/> = Accepted + Quarantined + Duplicates, over the whole source.</summary>
public sealed record IngestResult(
    string Source,
    bool FullRead,
    int NewRows,
    long RowsRead,
    long Accepted,
    long Quarantined,
    long Duplicates,
    int Added,
    int Removed,
    int Superseded);

/// <summary>
/// Stored at <c>sd:checkpoint:{source}</c>: how many data rows were processed, the chain hash up to
/// and including the last of them, and the running counts (so an incremental read adds to them).
/// <see cref="DateOrder"/> is how day and month were read: a new row that settles it the other way means every row
/// is read again.
/// </summary>
public sealed record IngestCheckpoint(
    int RowCount,
    string ChainHash,
    string? LastRowId,
    long Accepted,
    long Quarantined,
    long Duplicates,
    DateOrder? DateOrder = null);

/// <summary>
/// How student names are handled: always a pseudonym; the raw name too only when
/// <c>Privacy:StoreNames=true</c>. Registered by the host from its own pseudonymizer.
/// </summary>
public sealed record NamePolicy(Pseudonymizer Pseudonymizer, bool StoreNames);
