namespace SpotifyDashboard.Web.Security;

/// <summary>Where to go after signing in: a path on this site, never another site (no open redirect).</summary>
public static class SafeReturnUrl
{
    public const string Default = "/admin/sources";

    public static string Or(string? returnUrl, string fallback = Default) => IsLocal(returnUrl) ? returnUrl! : fallback;

    /// <summary>
    /// "/x" but not "//host" or "/\host" (browsers read both as another host), no scheme, no control characters, and
    /// not the sign-in or sign-out pages themselves.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url.Length <= 2048
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
        && !url.Contains('\\')
        && Uri.IsWellFormedUriString(url, UriKind.Relative)
        && !url.StartsWith("/admin/signin", StringComparison.OrdinalIgnoreCase)
        && !url.StartsWith("/admin/signout", StringComparison.OrdinalIgnoreCase);
}
