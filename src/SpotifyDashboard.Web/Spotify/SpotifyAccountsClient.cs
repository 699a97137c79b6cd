using System.Text.Json.Serialization;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>Spotify's token endpoint, for a public client: a code plus its verifier, or a refresh token, for tokens.</summary>
public sealed class SpotifyAccountsClient(HttpClient http, IOptions<SpotifyOptions> options, TimeProvider time)
{
    public Task<TokenAnswer> ExchangeCodeAsync(string code, string verifier, CancellationToken cancellationToken = default) =>
        PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = options.Value.RedirectUri,
            ["client_id"] = options.Value.ClientId ?? "",
            ["code_verifier"] = verifier,
        }, previousRefreshToken: null, cancellationToken);

    /// <summary>Spotify may rotate the refresh token; when it sends none, the old one stays good.</summary>
    public Task<TokenAnswer> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = options.Value.ClientId ?? "",
        }, refreshToken, cancellationToken);

    private async Task<TokenAnswer> PostAsync(Dictionary<string, string> form, string? previousRefreshToken, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsync(options.Value.AccountsUri("api/token"), new FormUrlEncodedContent(form), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                return new TokenAnswer(null, error ?? $"http_{(int)response.StatusCode}");
            }

            var body = await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken);
            var refreshToken = body?.RefreshToken ?? previousRefreshToken;
            if (body?.AccessToken is not { Length: > 0 } accessToken || refreshToken is null)
            {
                return new TokenAnswer(null, "invalid_response");
            }

            return new TokenAnswer(new SpotifyTokens(accessToken, refreshToken, time.GetUtcNow().AddSeconds(Math.Max(0, body.ExpiresIn))), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new TokenAnswer(null, "unreachable");
        }
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorBody>(cancellationToken))?.Error;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record TokenBody(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record ErrorBody([property: JsonPropertyName("error")] string? Error);
}

/// <summary>Tokens, or Spotify's OAuth error code (<c>invalid_grant</c> for a used code or a revoked refresh token).</summary>
public sealed record TokenAnswer(SpotifyTokens? Tokens, string? Error);

/// <summary>A listener's tokens. They live only on the server, encrypted in the cache, and are never logged.</summary>
public sealed record SpotifyTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt)
{
    // A record's generated ToString would print the tokens into any log line that formats one.
    public override string ToString() => $"SpotifyTokens(expires {ExpiresAt:O})";
}
