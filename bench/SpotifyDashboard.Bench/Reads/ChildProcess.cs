using System.Diagnostics;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>A process the bench started (<c>dotnet some.dll</c>), its output kept in a log file; ended with its children on dispose.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public string LogPath { get; private init; } = "";

    /// <summary>When set, <see cref="Dispose"/> first interrupts the process (SIGINT) and waits this long for it to end.</summary>
    public TimeSpan? GracefulStop { get; set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The service's own process (<c>dotnet app.dll</c> runs the app in the host process), e.g. to read its memory in /proc.</summary>
    public int Id => _process.Id;

    public static ChildProcess StartDotnet(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logPath) =>
        StartDotnet([dll, .. args], Path.GetDirectoryName(dll)!, environment, logPath);

    /// <summary><c>dotnet</c> with <paramref name="args"/> (e.g. <c>run --project …</c>) in <paramref name="workingDirectory"/>.</summary>
    public static ChildProcess StartDotnet(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {string.Join(" ", args)} did not start");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, log) { LogPath = logPath };
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited && GracefulStop is { } grace)
            {
                // As Ctrl+C stops it: an orchestrator (the AppHost) stops what it started before it exits.
                using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                _process.WaitForExit(grace);
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
