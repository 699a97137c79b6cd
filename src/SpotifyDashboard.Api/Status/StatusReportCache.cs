using SpotifyDashboard.Enrichment.Status;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SpotifyDashboard.Api.Status;

/// <summary>
/// <c>/api/status</c> without a scan and without Redis on the request: the counts are the class's answers the api
/// already holds (<see cref="ClassDataCache"/>, counted once per load, so they agree with <c>/api/responses</c>), and the
/// few keys the worker writes without an event (the source's read status, the mapping, the providers) are read every
/// <see cref="StatusOptions.RefreshInterval"/>. The report is serialized once per change of any of them.
/// </summary>
public sealed partial class StatusReportCache(
    SourceStatusStore statuses,
    QuarantineStore quarantine,
    EnrichmentStatusReader enrichment,
    ClassDataCache data,
    ActiveSource activeSource,
    EventBroadcast events,
    IOptions<StatusOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider time,
    ILogger<StatusReportCache> logger) : StoreCache(events, time)
{
    private volatile StoredParts? _parts;
    private volatile HeldReport? _report;

    public async Task<JsonAnswer> GetAsync(CancellationToken cancellationToken = default)
    {
        var active = await activeSource.GetAsync(cancellationToken);
        var parts = _parts;
        if (parts is null || parts.Source != active.StorageName)
        {
            parts = await ReadAsync(active.StorageName);
        }

        var responses = await data.GetResponsesAsync(active.StorageName, cancellationToken);
        var held = _report;
        if (held is not null && held.Active == active && ReferenceEquals(held.Parts, parts) && held.IsOf(responses))
        {
            return held.Answer;
        }

        // Two requests may both build it after a change; the reports are equal, and the last one is kept.
        var answer = JsonAnswer.Of(Report(active, parts, responses), json.Value.SerializerOptions, "status");
        _report = new HeldReport(active, parts, new WeakReference<ClassResponses>(responses), answer);
        return answer;
    }

    private static StatusReport Report(ActiveSourceState active, StoredParts parts, ClassResponses responses)
    {
        // The active source, which the teacher may have switched at run time; errors stay the short public text.
        var mode = active.Kind == SurveySourceKind.Demo ? StatusReport.DemoMode : StatusReport.LiveMode;
        IReadOnlyList<SourceStatus> sources = parts.Status is null ? [] : [parts.Status];
        var counts = responses.Counts;
        return new StatusReport(
            mode,
            active.StorageName,
            counts.Stored,
            parts.Status?.LastReadAt,
            sources,
            parts.Columns,
            new EnrichmentStatus(counts.Enriched, counts.Pending, counts.Unmatched, parts.Providers));
    }

    private async Task<StoredParts> ReadAsync(string source)
    {
        var status = statuses.GetAsync(source);
        var columns = quarantine.GetColumnsAsync(source);
        var providers = enrichment.GetProvidersAsync();
        var parts = new StoredParts(source, await status, await columns, await providers);
        _parts = parts;
        return parts;
    }

    protected override TimeSpan PollInterval => options.Value.RefreshInterval;

    protected override bool WakesOn(StoreEvent storeEvent) =>
        storeEvent.Type is StoreEvent.SourceChanged or StoreEvent.ResponseAdded or StoreEvent.ResponsesEnriched;

    protected override async Task ReadFromStoreAsync(bool polled, CancellationToken cancellationToken) =>
        await ReadAsync((activeSource.Current ?? await activeSource.GetAsync(cancellationToken)).StorageName);

    protected override void OnReadFailed(Exception exception) => LogReadFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the source's status; serving the last one until the next event or poll")]
    private partial void LogReadFailed(Exception exception);

    /// <summary>What the worker keeps in small keys for one source, as read at one moment.</summary>
    private sealed record StoredParts(string Source, SourceStatus? Status, SourceColumns? Columns, IReadOnlyList<ProviderStatus> Providers);

    /// <summary>
    /// The report and what it was made from. The answers only weakly: a report must not keep a whole load of the class
    /// alive after <see cref="ClassDataCache"/> has replaced it.
    /// </summary>
    private sealed record HeldReport(ActiveSourceState Active, StoredParts Parts, WeakReference<ClassResponses> Responses, JsonAnswer Answer)
    {
        public bool IsOf(ClassResponses responses) => Responses.TryGetTarget(out var madeFrom) && ReferenceEquals(madeFrom, responses);
    }
}
