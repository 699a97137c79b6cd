using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SpotifyDashboard.AppTests;

/// <summary>One line a resource wrote to its console, as the orchestrator handed it to the AppHost.</summary>
public sealed record CapturedLogLine(string Resource, int Number, string Content, bool IsError);

/// <summary>
/// Every console line of every resource of a running app, from Aspire's <see cref="ResourceLoggerService"/>: the real
/// stdout and stderr of each process, which the orchestrator keeps from the process's start, so lines written before
/// the watch began arrive too (the line numbers say whether anything is missing).
/// </summary>
public sealed class ResourceLogCapture : IAsyncDisposable
{
    private readonly ConcurrentQueue<CapturedLogLine> _lines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _watchers = [];

    public static ResourceLogCapture Start(DistributedApplication app)
    {
        var capture = new ResourceLogCapture();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            capture._watchers.Add(Task.Run(() => capture.WatchAsync(logs, resource)));
        }

        return capture;
    }

    public IReadOnlyList<CapturedLogLine> Lines => [.. _lines];

    public IReadOnlyList<CapturedLogLine> Of(string resource) => [.. _lines.Where(l => l.Resource == resource).OrderBy(l => l.Number)];

    /// <summary>Waits until <paramref name="resource"/> wrote a line containing <paramref name="text"/>: lines arrive a moment after they are written.</summary>
    public async Task<CapturedLogLine> WaitForLineAsync(string resource, string text, TimeSpan? timeout = null) =>
        (await WholeAppTests.WaitForAsync(
            () => Task.FromResult(_lines.FirstOrDefault(l => l.Resource == resource && l.Content.Contains(text, StringComparison.Ordinal))),
            line => line is not null,
            timeout ?? TimeSpan.FromSeconds(30)))!;

    private async Task WatchAsync(ResourceLoggerService logs, IResource resource)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    _lines.Enqueue(new CapturedLogLine(resource.Name, line.LineNumber, line.Content, line.IsErrorMessage));
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watchers);
        _stop.Dispose();
    }
}
