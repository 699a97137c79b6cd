using System.Collections.Concurrent;
using Microsoft.AspNetCore.WebUtilities;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// Spotify's accounts service and <c>/me/top/tracks</c> on the web's fake network, strict the way Spotify is: a code
/// is good once and only with the verifier whose S256 challenge came with the consent, for the same client and
/// redirect URI; refresh tokens rotate and can be revoked; the top tracks need a live access token.
/// </summary>
public sealed class FakeSpotify
{
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private readonly ConcurrentDictionary<string, bool> _accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new();
    private readonly ConcurrentQueue<string> _secrets = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenRequests = new();

    public FakeSpotify(FakeApi network, string clientId, string redirectUri)
    {
        ClientId = clientId;
        RedirectUri = redirectUri;
        network.Answers("/api/token", Token);
        network.Answers("/v1/me/top/tracks", AnswerTopTracks);
    }

    public string ClientId { get; }

    public string RedirectUri { get; }

    /// <summary>The lifetime of the access tokens it hands out; 0 for one that is expired on arrival.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>What <c>/me/top/tracks</c> answers to a live token; 200 with two tracks unless a test says otherwise.</summary>
    public Func<HttpResponseMessage> TopTracks { get; set; } = () => new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = JsonContent.Create(new
        {
            items = new[]
            {
                new { id = "4uLU6hMCjMI75M1A2tKUQC", name = "Never Gonna Give You Up", artists = new[] { new { name = "Rick Astley" } } },
                new { id = "7GhIk7Il098yCjg4BQjzvb", name = "Bohemian Rhapsody", artists = new[] { new { name = "Queen" } } },
            },
        }),
    };

    /// <summary>
    /// How long a refresh takes after Spotify has used up the old refresh token: a second refresh with that token in the
    /// meantime is refused, as it would be at Spotify.
    /// </summary>
    public TimeSpan RefreshDelay { get; set; }

    /// <summary>Every form posted to <c>/api/token</c>, oldest first.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => [.. _tokenRequests];

    /// <summary>Every token and verifier that went between the web and Spotify: none may reach a browser or a log.</summary>
    public IReadOnlyList<string> Secrets => [.. _secrets];

    /// <summary>The listener allows access on Spotify's page: a code bound to <paramref name="challenge"/>.</summary>
    public string Consent(string challenge)
    {
        var code = "code-" + Guid.NewGuid().ToString("N");
        _codes[code] = challenge;
        return code;
    }

    /// <summary>
    /// A 403 in plain text (not JSON) for <c>/me/top/tracks</c>, as Spotify sends to a listener the development-mode app's
    /// owner has not added (or to everyone when the owner's Premium has lapsed).
    /// </summary>
    public void RefuseTopTracks(string plainText) => TopTracks = () => new HttpResponseMessage(HttpStatusCode.Forbidden)
    {
        Content = new StringContent(plainText, System.Text.Encoding.UTF8, "text/plain"),
    };

    /// <summary>The access tokens handed out so far stop working (Spotify answers 401 to them).</summary>
    public void ExpireAccessTokens() => _accessTokens.Clear();

    /// <summary>The listener removed the app's access: every refresh token is refused with invalid_grant.</summary>
    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    private HttpResponseMessage Token(FakeApiRequest request)
    {
        var form = QueryHelpers.ParseQuery(request.Body).ToDictionary(p => p.Key, p => p.Value.ToString());
        _tokenRequests.Enqueue(form);
        if (form.GetValueOrDefault("client_id") != ClientId || form.ContainsKey("client_secret"))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_client");
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                var verifier = form.GetValueOrDefault("code_verifier");
                if (verifier is not null)
                {
                    _secrets.Enqueue(verifier);
                }

                var code = form.GetValueOrDefault("code") ?? "";
                if (!_codes.TryRemove(code, out var challenge)
                    || form.GetValueOrDefault("redirect_uri") != RedirectUri
                    || !Pkce.IsValidVerifier(verifier)
                    || Pkce.ChallengeOf(verifier!) != challenge)
                {
                    return Error(HttpStatusCode.BadRequest, "invalid_grant");
                }

                return Tokens();
            case "refresh_token":
                // Single use: the token is spent before the answer goes out.
                if (!_refreshTokens.TryRemove(form.GetValueOrDefault("refresh_token") ?? "", out _))
                {
                    return Error(HttpStatusCode.BadRequest, "invalid_grant");
                }

                Thread.Sleep(RefreshDelay);
                return Tokens();
            default:
                return Error(HttpStatusCode.BadRequest, "unsupported_grant_type");
        }
    }

    /// <summary>A new access token and, as Spotify may, a new (rotated) refresh token that replaces the old one.</summary>
    private HttpResponseMessage Tokens()
    {
        var access = "access-" + Guid.NewGuid().ToString("N");
        var refresh = "refresh-" + Guid.NewGuid().ToString("N");
        _accessTokens[access] = true;
        _refreshTokens[refresh] = true;
        _secrets.Enqueue(access);
        _secrets.Enqueue(refresh);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = JsonContent.Create(new { access_token = access, token_type = "Bearer", scope = "user-top-read", expires_in = ExpiresIn, refresh_token = refresh }),
        };
    }

    private HttpResponseMessage AnswerTopTracks(FakeApiRequest request)
    {
        var bearer = request.Header("Authorization") is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (bearer is null || !_accessTokens.ContainsKey(bearer))
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = JsonContent.Create(new { error = new { status = 401, message = "The access token expired" } }),
            };
        }

        return TopTracks();
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string error) =>
        new(status) { Content = JsonContent.Create(new { error, error_description = error }) };
}
