using System.Collections.Concurrent;
using System.Diagnostics;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>Every activity of every source that ends while this lives: names, tags, events and status, as text.</summary>
public sealed class CapturedActivities : IDisposable
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ActivityListener _listener;

    public CapturedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _texts.Enqueue(string.Join(' ',
                [
                    a.Source.Name, a.DisplayName, a.StatusDescription ?? "",
                    .. a.TagObjects.Select(t => $"{t.Key}={t.Value}"),
                    .. a.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Prepend(e.Name)),
                ])),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => _texts.Count;

    public string All => string.Join('\n', _texts);

    public void Dispose() => _listener.Dispose();
}
