using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Core.Configuration;

/// <summary>
/// The resilience settings every provider has (<c>Spotify:Limits</c>, <c>ReccoBeats:Limits</c>):
/// throttle, retries, breaker, timeouts. Defaults follow what the real services tolerate.
/// </summary>
public sealed class ProviderLimits
{
    /// <summary>Steady request rate the client allows itself.</summary>
    [Range(0.1, 10_000)]
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>How many requests may go out at once after a quiet spell.</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 20;

    [Range(0, 5)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive failures after which the breaker opens.</summary>
    [Range(2, 1000)]
    public int FailuresToBreak { get; set; } = 5;

    /// <summary>
    /// How far back the breaker looks for its <see cref="FailuresToBreak"/>: it opens only when every call in this window
    /// failed, so one success inside it (a 429 with a long Retry-After counts as one: it becomes a cool-down) delays the
    /// break until the success has aged out. At least 0.5 s.
    /// </summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the breaker stays open before one trial call (half-open). At least 0.5 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts of one request together, retry waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Whether the values are usable; the data annotations of a nested object are not checked by
    /// <c>ValidateDataAnnotations</c>, and Polly rejects breaks under 0.5 s and non-positive timeouts.
    /// </summary>
    public bool IsValid() =>
        Validator.TryValidateObject(this, new ValidationContext(this), null, validateAllProperties: true)
        && BreakDuration >= TimeSpan.FromMilliseconds(500)
        && SamplingDuration >= TimeSpan.FromMilliseconds(500)
        && RetryBaseDelay >= TimeSpan.Zero
        && AttemptTimeout > TimeSpan.Zero
        && TotalTimeout >= AttemptTimeout;

    /// <summary>What a start refused for bad limits says, naming the section's <c>Limits</c> key.</summary>
    public static string Problem(string section) =>
        $"{section}:Limits: RequestsPerSecond 0.1-10000, Burst >= 1, MaxRetries 0-5, FailuresToBreak >= 2, BreakDuration >= 0.5 s, AttemptTimeout > 0 and <= TotalTimeout.";
}
