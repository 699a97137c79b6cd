using System.Diagnostics;
using System.Net;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// Checks the password typed on the sign-in page against the admin key. Both are hashed first, so the comparison takes
/// the same time whatever the lengths, and every answer is held back to the same <see cref="WebLimitsOptions.TeacherAnswerTime"/>
/// whether the password was right or wrong. Guessing is bounded by <see cref="TeacherSignInAttempts"/>; a wrong password
/// is logged without what was typed.
/// </summary>
public sealed partial class TeacherPassword(
    IOptionsMonitor<AdminOptions> options,
    IOptionsMonitor<WebLimitsOptions> limits,
    TeacherSignInAttempts attempts,
    ILogger<TeacherPassword> logger)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>
    /// Checks <paramref name="password"/> unless <paramref name="client"/> has to wait (see <see cref="PasswordCheck"/>), and
    /// when it is right runs <paramref name="signIn"/> within the same fixed answer time.
    /// </summary>
    public async Task<PasswordCheck> VerifyAsync(string? password, IPAddress? client, Func<Task> signIn, CancellationToken cancellationToken = default)
    {
        var address = client?.ToString() ?? "unknown";
        if (attempts.TryBegin(address) is { } wait)
        {
            LogRefused(address, wait.TotalSeconds);
            return PasswordCheck.Refused(wait);
        }

        var started = Stopwatch.GetTimestamp();
        var key = options.CurrentValue;
        var right = key.IsConfigured && Matches(key.Key!, password ?? "");
        if (right)
        {
            attempts.Succeeded(address);
            await signIn();
            LogSignedIn(address);
        }
        else
        {
            LogWrongPassword(address);
        }

        // Real time, not the app's clock: this is about what a client can measure.
        var rest = limits.CurrentValue.TeacherAnswerTime - Stopwatch.GetElapsedTime(started);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken);
        }

        return right ? PasswordCheck.Right : PasswordCheck.Wrong;
    }

    public static bool Matches(string key, string password) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    [LoggerMessage(Level = LogLevel.Information, Message = "The teacher signed in from {Client}")]
    private partial void LogSignedIn(string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wrong teacher password from {Client}")]
    private partial void LogWrongPassword(string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A teacher sign-in from {Client} refused for {Seconds} s: too many wrong passwords")]
    private partial void LogRefused(string client, double seconds);
}

/// <summary>How a password check went: right, wrong, or not checked at all because the address must wait <see cref="RetryAfter"/>.</summary>
public sealed record PasswordCheck(bool IsRight, TimeSpan? RetryAfter)
{
    public static readonly PasswordCheck Right = new(true, null);
    public static readonly PasswordCheck Wrong = new(false, null);

    public static PasswordCheck Refused(TimeSpan retryAfter) => new(false, retryAfter);
}
