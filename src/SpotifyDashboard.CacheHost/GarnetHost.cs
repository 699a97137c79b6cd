using Garnet;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.CacheHost;

/// <summary>
/// Runs an in-process Garnet server, with a password when one is configured. With a data folder it
/// writes an append-only file that is committed on every write and recovers it at start, so the data
/// survives a restart.
/// </summary>
public sealed partial class GarnetHost(IOptions<GarnetHostOptions> options, ILogger<GarnetHost> logger) : IHostedService, IDisposable
{
    private GarnetServer? _server;

    public bool IsRunning => _server is not null;

    public int Port => options.Value.Port;

    internal string? Password => options.Value.Password;

    /// <summary>How long a restart waits for the previous instance to let go of the port.</summary>
    private static readonly TimeSpan PortWait = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await WaitForFreePortAsync(settings.Bind, settings.Port, cancellationToken);
        string? dataPath = null;
        if (!string.IsNullOrWhiteSpace(settings.DataPath))
        {
            dataPath = Path.GetFullPath(settings.DataPath);
            Directory.CreateDirectory(dataPath);
            LogDataPath(dataPath);
        }
        else
        {
            LogMemoryOnly();
        }

        if (string.IsNullOrEmpty(settings.Password))
        {
            LogNoPassword();
        }

        // Quiet: Garnet would print its banner straight to the console, lines no log reader can parse; the line below
        // says the same as a log record.
        _server = new GarnetServer([.. GarnetArguments.For(settings.Bind, settings.Port, settings.Password, dataPath), "-q"]);
        _server.Start();
        LogListening(settings.Bind, settings.Port, string.IsNullOrEmpty(settings.Password) ? "no password" : "password required");
    }

    /// <summary>
    /// On a restart the orchestrator may start this process while the previous one is still
    /// committing and closing; binding then would fail and the restart with it.
    /// </summary>
    private async Task WaitForFreePortAsync(string bind, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + PortWait;
        while (true)
        {
            try
            {
                var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(bind), port);
                probe.Start();
                probe.Stop();
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                LogPortTaken(port);
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.Value.DataPath))
        {
            try
            {
                // A checkpoint lets the next start recover from it instead of replaying the whole
                // append-only file; every write was already committed to the AOF either way.
                var reply = await GarnetCommand.SendAsync(options.Value.Port, "SAVE", options.Value.Password, cancellationToken);
                LogCheckpoint(reply);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
            {
                LogCheckpointFailed(ex);
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garnet keeps its data in {DataPath}")]
    private partial void LogDataPath(string dataPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache:DataPath is empty: the cache lives in memory only and is lost on restart")]
    private partial void LogMemoryOnly();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache:Password is empty: any process on this machine can read and change the cache")]
    private partial void LogNoPassword();

    [LoggerMessage(Level = LogLevel.Information, Message = "Garnet listening on {Bind}:{Port} ({Auth})")]
    private partial void LogListening(string bind, int port, string auth);

    [LoggerMessage(Level = LogLevel.Information, Message = "Port {Port} is still taken (a previous instance is closing); waiting")]
    private partial void LogPortTaken(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint on shutdown: {Reply}")]
    private partial void LogCheckpoint(string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint on shutdown failed; the append-only file still has every write")]
    private partial void LogCheckpointFailed(Exception exception);
}
