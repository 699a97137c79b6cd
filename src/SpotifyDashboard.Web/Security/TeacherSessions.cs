using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The teacher's sessions. The cookie holds only a session key; the session itself is in the cache
/// (<see cref="TeacherTicketStore"/>), so signing out ends it everywhere, even for a copy of the cookie saved before. A
/// session also ends <see cref="AbsoluteLifetime"/> after its sign-in however busy it was, and as soon as the admin key
/// changes (each session carries a fingerprint of the key it signed in with).
/// </summary>
public sealed partial class TeacherSessions(
    IOptionsMonitor<AdminOptions> admin,
    IDistributedCache cache,
    TimeProvider time,
    ILogger<TeacherSessions> logger)
{
    public const string SessionIdClaim = "sd:session";
    public const string SignedInAtClaim = "sd:signed-in-at";
    public const string KeyFingerprintClaim = "sd:key";

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    // A slow hash, so the fingerprint kept in the cache is no shortcut to guessing the key.
    private static readonly byte[] FingerprintSalt = Encoding.UTF8.GetBytes("SpotifyDashboard.Web teacher session key");

    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    public Task SignInAsync(HttpContext context) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, NewSession(), new AuthenticationProperties { IsPersistent = false });

    /// <summary>A new session's teacher: a random session id, when it signed in, and the fingerprint of the key it used.</summary>
    public ClaimsPrincipal NewSession()
    {
        var key = admin.CurrentValue.Key ?? throw new InvalidOperationException("No admin key to sign in with.");
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "Teacher"),
                new Claim(ClaimTypes.Role, TeacherSignIn.TeacherRole),
                new Claim(SessionIdClaim, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))),
                new Claim(SignedInAtClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                new Claim(KeyFingerprintClaim, Fingerprint(key)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>Why <paramref name="user"/>'s session is over, or null while it holds (the session itself is looked up by the caller).</summary>
    public string? WhyEnded(ClaimsPrincipal? user)
    {
        if (user?.FindFirst(SessionIdClaim) is null
            || !long.TryParse(user.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt))
        {
            return "not a session of this web";
        }

        if (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedInAt) >= AbsoluteLifetime)
        {
            return "signed in more than 12 hours ago";
        }

        var current = admin.CurrentValue;
        if (!current.IsConfigured || user.FindFirst(KeyFingerprintClaim)?.Value != Fingerprint(current.Key!))
        {
            return "the admin key changed";
        }

        return null;
    }

    /// <summary>
    /// For a page that is already open (a circuit keeps the user it started with): whether its teacher's session still
    /// holds, the cache included. False for anyone who is not the teacher.
    /// </summary>
    public async Task<bool> StillValidAsync(ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        if (!(user?.IsInRole(TeacherSignIn.TeacherRole) ?? false) || WhyEnded(user) is not null)
        {
            return false;
        }

        var exists = await cache.GetAsync(TeacherTicketStore.EntryKey(user.FindFirst(SessionIdClaim)!.Value), cancellationToken) is not null;
        if (!exists)
        {
            LogEnded("signed out");
        }

        return exists;
    }

    /// <summary>When a session signed in at <paramref name="user"/>'s sign-in ends at the latest.</summary>
    public static DateTimeOffset? EndOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt)
            ? DateTimeOffset.FromUnixTimeSeconds(signedInAt) + AbsoluteLifetime
            : null;

    public void LogEnded(string reason) => LogSessionEnded(reason);

    private string Fingerprint(string key) =>
        _fingerprints.GetOrAdd(key, k => Convert.ToHexStringLower(
            Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(k), FingerprintSalt, 100_000, HashAlgorithmName.SHA256, 16)));

    [LoggerMessage(Level = LogLevel.Information, Message = "A teacher session ended: {Reason}")]
    private partial void LogSessionEnded(string reason);
}
