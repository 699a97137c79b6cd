using System.Buffers.Text;
using Microsoft.AspNetCore.DataProtection;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>
/// Signed-in listeners: a random session id in an HttpOnly cookie, the tokens under it in the store, encrypted with the
/// web's data-protection keys. An expired access token is refreshed here; a refused refresh signs the listener out.
/// </summary>
public sealed partial class SpotifySessions(
    ISpotifySessionStore store,
    IDataProtectionProvider dataProtection,
    SpotifyAccountsClient accounts,
    TimeProvider time,
    ILogger<SpotifySessions> logger)
{
    public const string CookieName = "sd-spotify";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>Refresh a little early so a token does not expire between the check and Spotify reading it.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);

    /// <summary>Longer than a refresh can take (the accounts client gives up after 15 s), so a crashed holder's lock lapses.</summary>
    private static readonly TimeSpan RefreshLockLifetime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RefreshWaitStep = TimeSpan.FromMilliseconds(50);

    // About 20 s of waiting for another refresh of the same session.
    private const int RefreshWaitSteps = 400;

    private readonly IDataProtector _tokens = dataProtection.CreateProtector("SpotifyDashboard.Web.Spotify.Tokens");
    private readonly IDataProtector _cookie = dataProtection.CreateProtector("SpotifyDashboard.Web.Spotify.SessionCookie");

    /// <summary>Stores <paramref name="tokens"/> under a new session; the answer is the protected value for the cookie.</summary>
    public async Task<string> StartAsync(SpotifyTokens tokens)
    {
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await SaveAsync(sessionId, tokens);
        return _cookie.Protect(sessionId);
    }

    /// <summary>The session id in a cookie value, or null for a cookie this web did not write.</summary>
    public string? SessionIdOf(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            return _cookie.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string? sessionId) => sessionId is not null && await store.GetAsync(Key(sessionId)) is not null;

    /// <summary>
    /// A usable access token: the stored one while it is fresh (unless <paramref name="forceRefresh"/>, after Spotify
    /// answered 401 to it), otherwise a refreshed one. Null means signed out: no session, or Spotify refused the refresh.
    /// </summary>
    public async Task<string?> AccessTokenAsync(string? sessionId, bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        if (sessionId is null || await LoadAsync(sessionId) is not { } tokens)
        {
            return null;
        }

        if (!forceRefresh && IsFresh(tokens))
        {
            return tokens.AccessToken;
        }

        // A refresh token is good for one refresh: two tabs refreshing with the same one would have the second refused
        // (invalid_grant) and the listener signed out. So one refresh per session at a time, the others wait and use it.
        var holder = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var waited = 0;
        while (!await store.TryLockAsync(LockKey(sessionId), holder, RefreshLockLifetime))
        {
            if (++waited > RefreshWaitSteps)
            {
                LogRefreshFailed("another refresh of this session did not finish");
                throw new SpotifyUnavailableException();
            }

            await Task.Delay(RefreshWaitStep, cancellationToken);
            if (await LoadAsync(sessionId) is not { } current)
            {
                return null;
            }

            if (current.AccessToken != tokens.AccessToken)
            {
                return current.AccessToken;
            }
        }

        try
        {
            return await RefreshLockedAsync(sessionId, tokens, cancellationToken);
        }
        finally
        {
            await store.UnlockAsync(LockKey(sessionId), holder);
        }
    }

    public Task EndAsync(string sessionId) => store.RemoveAsync(Key(sessionId));

    /// <summary>Refreshes unless, since <paramref name="seen"/> was read, another request has (then its token is the answer).</summary>
    private async Task<string?> RefreshLockedAsync(string sessionId, SpotifyTokens seen, CancellationToken cancellationToken)
    {
        if (await LoadAsync(sessionId) is not { } tokens)
        {
            return null;
        }

        if (tokens.AccessToken != seen.AccessToken)
        {
            return tokens.AccessToken;
        }

        var refreshed = await accounts.RefreshAsync(tokens.RefreshToken, cancellationToken);
        if (refreshed.Tokens is { } fresh)
        {
            // The rotated refresh token replaces the used one, which Spotify no longer takes.
            await SaveAsync(sessionId, fresh);
            return fresh.AccessToken;
        }

        if (refreshed.Error is "invalid_grant" or "invalid_client" or "unauthorized_client")
        {
            LogRefreshRefused(refreshed.Error);
            await EndAsync(sessionId);
            return null;
        }

        // Spotify unreachable or in trouble: the listener stays signed in and may try again.
        LogRefreshFailed(refreshed.Error);
        throw new SpotifyUnavailableException();
    }

    private bool IsFresh(SpotifyTokens tokens) => tokens.ExpiresAt - ExpiryMargin > time.GetUtcNow();

    private Task SaveAsync(string sessionId, SpotifyTokens tokens) =>
        store.SetAsync(Key(sessionId), _tokens.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens)), Lifetime);

    private async Task<SpotifyTokens?> LoadAsync(string sessionId)
    {
        if (await store.GetAsync(Key(sessionId)) is not { } stored)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SpotifyTokens>(_tokens.Unprotect(stored));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }

    // The store's key is a hash of the id, so whoever reads the cache cannot take it for a session cookie.
    private static string Key(string sessionId) => "session:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(sessionId)));

    private static string LockKey(string sessionId) => "refreshing:" + Key(sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spotify refused to refresh a listener's token ({Error}); the listener is signed out")]
    private partial void LogRefreshRefused(string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh a listener's Spotify token ({Error})")]
    private partial void LogRefreshFailed(string? error);
}

/// <summary>Spotify could not be reached or answered with an error that is nobody's fault here; try again later.</summary>
public sealed class SpotifyUnavailableException() : Exception("Spotify could not be reached.");
