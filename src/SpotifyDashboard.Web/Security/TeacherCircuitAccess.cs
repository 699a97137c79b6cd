using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// An open page (a circuit) keeps the user it started with; this provider looks again whether a teacher's session still
/// holds, every minute and at once when <see cref="TeacherAccess"/> finds it over, and then turns the page's user into
/// nobody: the teacher's pages render their "sign in" redirect instead.
/// </summary>
public sealed class TeacherAuthenticationStateProvider(ILoggerFactory loggers, TeacherSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    private static readonly AuthenticationState Nobody = new(new ClaimsPrincipal(new ClaimsIdentity()));

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        !authenticationState.User.IsInRole(TeacherSignIn.TeacherRole) || await sessions.StillValidAsync(authenticationState.User, cancellationToken);

    public void Forget() => SetAuthenticationState(Task.FromResult(Nobody));
}

/// <summary>
/// Asked before each of the teacher's actions: is this page's teacher still signed in? When not (signed out elsewhere,
/// past the absolute lifetime, the admin key changed), the page loses its rights now rather than at the next revalidation.
/// </summary>
public sealed class TeacherAccess(AuthenticationStateProvider authentication, TeacherSessions sessions)
{
    public async Task<bool> StillSignedInAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (await sessions.StillValidAsync(state.User, cancellationToken))
        {
            return true;
        }

        (authentication as TeacherAuthenticationStateProvider)?.Forget();
        return false;
    }
}

/// <summary>The teacher's session ended while a page was open; the action was not sent to the api.</summary>
public sealed class TeacherSignedOutException() : Exception("The teacher's session has ended.");
