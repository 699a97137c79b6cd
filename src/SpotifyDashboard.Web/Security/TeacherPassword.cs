using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// Checks the password typed on the sign-in page against the admin key. Both are hashed first, so the comparison takes
/// the same time whatever the lengths; a wrong password is logged (without what was typed) and answered more slowly each
/// time from the same address: 0.5 s, 1 s, 2 s, then 4 s until a quarter of an hour passes without a failure.
/// </summary>
public sealed partial class TeacherPassword(IOptionsMonitor<AdminOptions> options, TimeProvider time, ILogger<TeacherPassword> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>True when <paramref name="password"/> is the admin key; otherwise waits the growing delay and returns false.</summary>
    public async Task<bool> VerifyAsync(string? password, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var address = client?.ToString() ?? "unknown";
        if (IsConfigured && Matches(options.CurrentValue.Key!, password ?? ""))
        {
            _failures.TryRemove(address, out _);
            LogSignedIn(address);
            return true;
        }

        var now = time.GetUtcNow();
        var failures = _failures.AddOrUpdate(
            address,
            _ => new Failures(1, now),
            (_, previous) => now - previous.LastAt > Forget ? new Failures(1, now) : new Failures(previous.Count + 1, now));
        ForgetOldFailures(now);

        var delay = DelayAfter(failures.Count);
        LogWrongPassword(address, failures.Count, delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken);
        return false;
    }

    public static TimeSpan DelayAfter(int failures) =>
        TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << Math.Min(failures - 1, 10), MaxDelay.Ticks));

    public static bool Matches(string key, string password) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private void ForgetOldFailures(DateTimeOffset now)
    {
        if (_failures.Count < 1000)
        {
            return;
        }

        foreach (var (address, failures) in _failures)
        {
            if (now - failures.LastAt > Forget)
            {
                _failures.TryRemove(address, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset LastAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The teacher signed in from {Client}")]
    private partial void LogSignedIn(string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wrong teacher password from {Client} (failure {Count} in a row); answering after {Delay} ms")]
    private partial void LogWrongPassword(string client, int count, double delay);
}
