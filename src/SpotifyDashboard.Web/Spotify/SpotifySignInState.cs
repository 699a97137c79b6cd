using Microsoft.AspNetCore.DataProtection;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>
/// The <c>state</c> of one sign-in and its PKCE verifier. The browser holds both in a short-lived cookie encrypted with
/// the web's data-protection keys (so the state is bound to the browser that started the sign-in); the store holds a
/// marker that the callback takes away (so each state is good for one callback only).
/// </summary>
public sealed class SpotifySignInState(IDataProtectionProvider dataProtection, ISpotifySessionStore store)
{
    public const string CookieName = "sd-spotify-signin";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("SpotifyDashboard.Web.Spotify.SignInState").ToTimeLimitedDataProtector();

    public async Task<PendingSignIn> BeginAsync()
    {
        var pending = new Pending(Pkce.NewState(), Pkce.NewVerifier());
        await store.SetAsync(MarkerKey(pending.State), [1], Lifetime);
        var cookie = _protector.Protect(JsonSerializer.Serialize(pending), Lifetime);
        return new PendingSignIn(pending.State, Pkce.ChallengeOf(pending.Verifier), cookie);
    }

    /// <summary>The verifier when <paramref name="state"/> is the one in this browser's cookie and was not used yet; otherwise null.</summary>
    public async Task<string?> RedeemAsync(string? cookie, string? state)
    {
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(state))
        {
            return null;
        }

        Pending? pending;
        try
        {
            pending = JsonSerializer.Deserialize<Pending>(_protector.Unprotect(cookie));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }

        if (pending is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.State), Encoding.ASCII.GetBytes(state)))
        {
            return null;
        }

        return await store.TakeAsync(MarkerKey(pending.State)) is null ? null : pending.Verifier;
    }

    private static string MarkerKey(string state) => $"signin:{state}";

    private sealed record Pending(string State, string Verifier);
}

/// <summary>What the sign-in redirect needs: the state and challenge for Spotify, the protected cookie for the browser.</summary>
public sealed record PendingSignIn(string State, string Challenge, string Cookie);
