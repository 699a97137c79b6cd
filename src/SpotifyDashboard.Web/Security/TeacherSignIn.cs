using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SpotifyDashboard.Web.KeyRing;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The teacher's sign-in: one password (the admin key), a cookie, and the keys that protect the cookie kept in the cache
/// (encrypted, <see cref="KeyRingRegistration"/>) so a sign-in survives a restart and works on every replica of the web.
/// </summary>
public static class TeacherSignIn
{
    public const string SignInPath = "/admin/signin";
    public const string SignOutPath = "/admin/signout";
    public const string ReturnUrlParameter = "returnUrl";
    public const string CookieName = "sd-teacher";
    public const string TeacherRole = "teacher";

    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddTeacherSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        builder.Services.AddSingleton<TeacherPassword>();

        builder.AddRedisClient("cache");
        builder.AddEncryptedKeyRing();

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
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication UseTeacherSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static ClaimsPrincipal Teacher() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Teacher"), new Claim(ClaimTypes.Role, TeacherRole)], CookieAuthenticationDefaults.AuthenticationScheme));

    public static Task SignInTeacherAsync(this HttpContext context) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Teacher(), new AuthenticationProperties { IsPersistent = false });

    public static Task SignOutTeacherAsync(this HttpContext context) =>
        context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

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
}
