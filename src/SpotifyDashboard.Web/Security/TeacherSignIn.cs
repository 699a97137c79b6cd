using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using SpotifyDashboard.Web.KeyRing;
using StackExchange.Redis;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The teacher's sign-in: one password (the admin key), a cookie that holds only a session id, the session in the cache
/// (<see cref="TeacherSessions"/>), and the keys that protect the cookie kept in the cache too (encrypted,
/// <see cref="KeyRingRegistration"/>), so a sign-in survives a restart and works on every replica of the web. Needs the
/// cache's connection and the key ring, which the listeners' Spotify sign-in shares.
/// </summary>
public static partial class TeacherSignIn
{
    public const string SignInPath = "/admin/signin";
    public const string SignOutPath = "/admin/signout";
    public const string ReturnUrlParameter = "returnUrl";
    public const string CookieName = "sd-teacher";
    public const string TeacherRole = "teacher";

    /// <summary>An idle session ends after this; a busy one still ends <see cref="TeacherSessions.AbsoluteLifetime"/> after its sign-in.</summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddTeacherSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        builder.Services.AddSingleton<TeacherPassword>();
        builder.Services.AddSingleton<TeacherSessions>();
        builder.Services.AddSingleton<TeacherTicketStore>();
        builder.Services.AddScoped<AuthenticationStateProvider, TeacherAuthenticationStateProvider>();
        builder.Services.AddScoped<TeacherAccess>();

        // The sessions' cache: the web's one connection to the cache.
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>()
            .Configure<IServiceProvider>((options, services) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie = new TeacherCookieBuilder
                {
                    Name = CookieName,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    SecurePolicy = CookieSecurePolicy.Always,
                    IsEssential = true,
                };
                options.ExpireTimeSpan = SignInLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.LogoutPath = SignOutPath;
                options.AccessDeniedPath = SignInPath;
                options.ReturnUrlParameter = ReturnUrlParameter;
                options.Events.OnValidatePrincipal = EndSessionWhenOverAsync;
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<TeacherTicketStore, TimeProvider>((options, store, time) =>
            {
                options.SessionStore = store;
                options.TimeProvider = time;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication UseTeacherSignIn(this WebApplication app)
    {
        var admin = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (admin.KeyProblem is { } problem)
        {
            LogWeakKey(app.Logger, problem);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>A session past its absolute end or signed in with another admin key is ended on the server and refused.</summary>
    private static async Task EndSessionWhenOverAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<TeacherSessions>();
        if (sessions.WhyEnded(context.Principal) is { } reason)
        {
            sessions.LogEnded(reason);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>
    /// The cookie is Secure always, except for plain http from this very machine (<c>dotnet run</c> on
    /// http://localhost), where a browser would otherwise drop it. SameAsRequest would also let it go out without Secure
    /// behind a proxy that terminates TLS and forwards plain http, which is exactly where it must be Secure.
    /// </summary>
    private sealed class TeacherCookieBuilder : RequestPathBaseCookieBuilder
    {
        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = !IsPlainHttpOnLoopback(context);
            return options;
        }
    }

    public static bool IsPlainHttpOnLoopback(HttpContext context) =>
        !context.Request.IsHttps
        && context.Connection.RemoteIpAddress is { } remote
        && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The teacher's pages are off: {Problem}")]
    private static partial void LogWeakKey(ILogger logger, string problem);
}
