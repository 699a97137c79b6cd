using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>
/// A listener's sign-in with Spotify: authorization code with PKCE, the code exchanged here on the server, the tokens
/// kept here too. The browser only ever holds two HttpOnly cookies: the pending sign-in's and the session's.
/// </summary>
public static partial class SpotifySignIn
{
    public const string SignInPath = "/auth/spotify/signin";
    public const string CallbackPath = "/auth/spotify/callback";
    public const string SignOutPath = "/auth/spotify/signout";
    public const string ComparePath = "/compare";

    /// <summary>The query parameter with which the callback tells <c>/compare</c> how the sign-in went.</summary>
    public const string OutcomeParameter = "signin";

    private static readonly TimeSpan SpotifyTimeout = TimeSpan.FromSeconds(15);

    public static WebApplicationBuilder AddSpotifySignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpotifyOptions>().BindConfiguration(SpotifyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ISpotifySessionStore, RedisSpotifySessionStore>();
        builder.Services.AddSingleton<SpotifySignInState>();
        builder.Services.AddScoped<SpotifySessions>();
        builder.Services.AddScoped<SpotifyListener>();
        // No retries towards Spotify: a code is good once, and a 429's Retry-After is for the listener to see, not for
        // the page to sit out. A plain timeout instead of the defaults.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental, but it is the way to opt one client out of the defaults.
        builder.Services.AddHttpClient<SpotifyAccountsClient>(http => http.Timeout = SpotifyTimeout).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<SpotifyTopTracks>(http => http.Timeout = SpotifyTimeout).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    public static IEndpointRouteBuilder MapSpotifySignIn(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth/spotify").ExcludeFromDescription();
        auth.MapGet("/signin", SignInAsync).WithName("SpotifySignIn").WithSummary("Sends the browser to Spotify to sign in (PKCE, S256).");
        auth.MapGet("/callback", CallbackAsync).WithName("SpotifyCallback").WithSummary("Checks the state and exchanges the code for tokens kept on the server.");
        auth.MapPost("/signout", SignOutAsync).WithName("SpotifySignOut").WithSummary("Forgets the listener's tokens.").DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IOptions<SpotifyOptions> options, SpotifySignInState state)
    {
        var settings = options.Value;
        if (!settings.IsSignInConfigured)
        {
            return Outcome("not-configured");
        }

        // The state cookie must be set on the origin Spotify will come back to, or the callback would never see it.
        var redirectUri = new Uri(settings.RedirectUri);
        if (!IsSameOrigin(context.Request, redirectUri))
        {
            return TypedResults.Redirect(redirectUri.GetLeftPart(UriPartial.Authority) + SignInPath);
        }

        var pending = await state.BeginAsync();
        context.Response.Cookies.Append(SpotifySignInState.CookieName, pending.Cookie,
            CookieOptions(context, "/auth/spotify", SpotifySignInState.Lifetime));

        var authorize = QueryHelpers.AddQueryString(settings.AccountsUri("authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = settings.RedirectUri,
            ["code_challenge_method"] = Pkce.Method,
            ["code_challenge"] = pending.Challenge,
            ["state"] = pending.State,
            ["scope"] = SpotifyOptions.SignInScope,
        });
        return TypedResults.Redirect(authorize);
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context,
        SpotifySignInState state,
        SpotifyAccountsClient accounts,
        SpotifySessions sessions,
        ILoggerFactory loggers,
        string? code = null,
        string? error = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "state")] string? returnedState = null)
    {
        var logger = loggers.CreateLogger(typeof(SpotifySignIn).FullName!);
        var cookie = context.Request.Cookies[SpotifySignInState.CookieName];
        context.Response.Cookies.Delete(SpotifySignInState.CookieName, CookieOptions(context, "/auth/spotify", null));

        // Checked even when Spotify reports an error, so the state cannot be used again either way.
        var verifier = await state.RedeemAsync(cookie, returnedState);
        if (!string.IsNullOrEmpty(error))
        {
            LogEndedAtSpotify(logger, error == "access_denied" ? error : "other error");
            return Outcome(error == "access_denied" ? "denied" : "spotify-error");
        }

        if (verifier is null)
        {
            LogStateRefused(logger);
            return Outcome("state");
        }

        if (string.IsNullOrEmpty(code))
        {
            return Outcome("spotify-error");
        }

        var answer = await accounts.ExchangeCodeAsync(code, verifier, context.RequestAborted);
        if (answer.Tokens is not { } tokens)
        {
            LogCodeRefused(logger, answer.Error);
            return Outcome(answer.Error == "unreachable" ? "unavailable" : "exchange");
        }

        var session = await sessions.StartAsync(tokens);
        context.Response.Cookies.Append(SpotifySessions.CookieName, session, CookieOptions(context, "/", SpotifySessions.Lifetime));
        LogSignedIn(logger);
        return TypedResults.Redirect(ComparePath);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, SpotifySessions sessions)
    {
        if (sessions.SessionIdOf(context.Request.Cookies[SpotifySessions.CookieName]) is { } sessionId)
        {
            await sessions.EndAsync(sessionId);
        }

        context.Response.Cookies.Delete(SpotifySessions.CookieName, CookieOptions(context, "/", null));
        return Outcome("signed-out");
    }

    private static RedirectHttpResult Outcome(string outcome) => TypedResults.Redirect($"{ComparePath}?{OutcomeParameter}={outcome}");

    private static bool IsSameOrigin(HttpRequest request, Uri target) =>
        string.Equals(request.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Host.Host, target.Host, StringComparison.OrdinalIgnoreCase)
        && (request.Host.Port ?? (request.IsHttps ? 443 : 80)) == target.Port;

    /// <summary>
    /// HttpOnly, and Lax so the cookie comes along when Spotify sends the browser back (a top-level GET from another
    /// site). Secure except on plain http from this machine (the registered http://127.0.0.1 redirect), as for the teacher.
    /// </summary>
    private static CookieOptions CookieOptions(HttpContext context, string path, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = !TeacherSignIn.IsPlainHttpOnLoopback(context),
        IsEssential = true,
        Path = path,
        MaxAge = maxAge,
    };

    /// <summary>What <c>/compare</c> says after the callback sent the browser there with <see cref="OutcomeParameter"/>.</summary>
    public static string? MessageFor(string? outcome) => outcome switch
    {
        "denied" => "You did not allow access on Spotify, so nobody is signed in. Sign in again if you change your mind.",
        "spotify-error" => "Spotify did not complete the sign-in. Nobody is signed in; try again.",
        "state" => "This sign-in could not be checked (it was started in another browser, has expired, or was used already). Nobody is signed in; start again.",
        "exchange" => "Spotify refused to finish this sign-in (the code has expired or was used already). Nobody is signed in; start again.",
        "unavailable" => "Spotify could not be reached to finish the sign-in. Nobody is signed in; try again in a moment.",
        "not-configured" => "Sign-in with Spotify is not configured on this dashboard.",
        "signed-out" => "You are signed out of Spotify here; your tokens are forgotten.",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Spotify sign-in ended at Spotify: {Error}")]
    private static partial void LogEndedAtSpotify(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify sign-in refused: the state is unknown, used already, or not this browser's")]
    private static partial void LogStateRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify refused the sign-in's code ({Error})")]
    private static partial void LogCodeRefused(ILogger logger, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "A listener signed in with Spotify")]
    private static partial void LogSignedIn(ILogger logger);
}

/// <summary>
/// The signed-in listener of this circuit or request: the session id from the cookie, which <c>Routes</c> carries into
/// an interactive circuit (that has no HttpContext of its own) as it does the browser's address.
/// </summary>
public sealed class SpotifyListener(IHttpContextAccessor accessor, SpotifySessions sessions)
{
    private string? _sessionId;

    public string? SessionId => _sessionId ??= sessions.SessionIdOf(accessor.HttpContext?.Request.Cookies[SpotifySessions.CookieName]);

    public void UseCookie(string? cookie) => _sessionId = sessions.SessionIdOf(cookie) ?? _sessionId;

    public void Forget() => _sessionId = null;
}
