namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The headers every response of the web carries, after the Aspire dashboard's middleware of the same name. The policy is
/// as tight as Blazor Server, Fluent UI and plotly allow: scripts only from this origin (plotly's full bundle draws its 3D
/// scene without eval), inline styles because Fluent UI and plotly set them,
/// connections only to this origin (its web socket included: 'self' covers ws: and wss: of the same host), and nothing framed.
/// The only inline script is the import map Blazor writes into the page's head; it carries a nonce made for each response.
/// </summary>
public sealed class BrowserSecurityHeadersMiddleware(RequestDelegate next)
{
    public const string NonceItemKey = "csp-nonce";

    /// <summary>The policy's fixed directives; <c>script-src</c> gets the response's nonce added.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; " +
        "base-uri 'self'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItemKey] = nonce;

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        return next(context);
    }

    /// <summary>The nonce of this response's policy, for the one inline script the page has (the import map).</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceItemKey] as string;
}

public static class BrowserSecurityHeadersExtensions
{
    /// <summary>HSTS outside development, then the browser security headers on every response.</summary>
    public static WebApplication UseBrowserSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<BrowserSecurityHeadersMiddleware>();
        return app;
    }
}
