using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Analysis;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Data;

/// <summary>
/// Keeps the active source's answers in memory: loads them at start, after <c>response-added</c> or
/// <c>responses-enriched</c> or <c>source-changed</c> (once a burst has been quiet for <see cref="ClassDataOptions.Debounce"/>) and every
/// <see cref="ClassDataOptions.ReloadInterval"/> as a fallback. A request waits for Redis only when nothing is held
/// yet; otherwise it gets the held answers joined with the latest snapshot, the join made once per snapshot version.
/// </summary>
public sealed partial class ClassDataHolder(
    SurveyResponseStore store,
    SnapshotHolder snapshots,
    IConnectionMultiplexer redis,
    ActiveSourceHolder activeSource,
    IOptions<ClassDataOptions> options,
    TimeProvider time,
    ILogger<ClassDataHolder> logger) : BackgroundService
{
    /// <summary>A steady stream of events still reloads this often, however short the gaps between them.</summary>
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile ClassResponses? _responses;
    private volatile ClassDataView? _view;
    private bool _subscribed;

    /// <summary>The active source's current answers joined with its latest analysis (null analysis before the first one).</summary>
    public async Task<ClassDataView> GetAsync(CancellationToken cancellationToken = default)
    {
        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        var responses = _responses;
        if (responses is null || responses.Source != source)
        {
            responses = await LoadAsync(source, onlyIfMissing: true, cancellationToken);
        }

        var analysis = await snapshots.GetAsync(source, cancellationToken);
        var view = _view;
        if (view is not null && ReferenceEquals(view.Responses, responses) && ReferenceEquals(view.Analysis, analysis))
        {
            return view;
        }

        // Two requests may both build it after a change; the views are equal, and the last one is kept.
        view = new ClassDataView(responses, analysis);
        _view = view;
        return view;
    }

    /// <summary>Reads every answer of the active source again.</summary>
    public async Task<ClassResponses> ReloadAsync(CancellationToken cancellationToken = default) =>
        await LoadAsync((await activeSource.GetAsync(cancellationToken)).StorageName, onlyIfMissing: false, cancellationToken);

    private async Task<ClassResponses> LoadAsync(string source, bool onlyIfMissing, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (onlyIfMissing && _responses is { } held && held.Source == source)
            {
                return held;
            }

            var all = await store.GetAllAsync(source);
            var loaded = ClassResponses.From(source, all, time.GetUtcNow());
            _responses = loaded;
            LogLoaded(loaded.Current.Count, loaded.Stored, source);
            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SubscribeOnceAsync();
                await ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Redis may be starting or restarting; the next event or poll tries again.
                LogLoadFailed(ex);
            }

            await WaitForChangeOrPollAsync(stoppingToken);
        }
    }

    private async Task WaitForChangeOrPollAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForEventAsync(options.Value.ReloadInterval, stoppingToken))
        {
            return;
        }

        var latest = time.GetUtcNow() + MaxDebounce;
        while (time.GetUtcNow() < latest && await WaitForEventAsync(options.Value.Debounce, stoppingToken))
        {
            // Another event of the same burst: wait for the quiet after it.
        }
    }

    /// <summary>True when an event came within <paramref name="timeout"/>; false when it passed or the api is stopping.</summary>
    private async Task<bool> WaitForEventAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return _wake.Reader.TryRead(out _);
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SubscribeOnceAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.EventsChannel), (_, message) =>
        {
            if (ChangesAnswers(message, activeSource.Current?.StorageName))
            {
                _wake.Writer.TryWrite(true);
            }
        });
        _subscribed = true;
    }

    private static bool ChangesAnswers(RedisValue message, string? source)
    {
        try
        {
            var storeEvent = JsonSerializer.Deserialize<StoreEvent>(message.ToString(), StoreJson.Options);
            // Another source becoming active changes every answer; the reload reads whichever source is active then.
            return storeEvent?.Type == StoreEvent.SourceChanged
                || (storeEvent is { Type: StoreEvent.ResponseAdded or StoreEvent.ResponsesEnriched }
                    && (string.IsNullOrEmpty(storeEvent.Source) || source is null || storeEvent.Source == source));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding {Current} current answers ({Stored} stored) of {Source}")]
    private partial void LogLoaded(int current, int stored, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the class's answers; trying again on the next event or poll")]
    private partial void LogLoadFailed(Exception exception);
}
