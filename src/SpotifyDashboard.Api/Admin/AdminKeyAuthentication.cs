using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Core.Security;
using SpotifyDashboard.Enrichment.Options;

namespace SpotifyDashboard.Api.Admin;

/// <summary>
/// The teacher's key as an authentication scheme, so the check runs before the endpoint binds its body: a caller
/// without the key learns nothing from validation errors and cannot make the api read a large upload.
/// </summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<EnrichmentOptions> enrichment,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";
    public const string PolicyName = "Admin";
    public const string TeacherRole = "teacher";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AdminKey.HeaderName, out var supplied))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Never the key in the message: it ends up in the logs.
        if (supplied.Count != 1 || !AdminKey.Matches(enrichment.CurrentValue.AdminKey, supplied[0]))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {AdminKey.HeaderName} header does not hold the admin key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, TeacherRole)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problem = AdminKey.IsConfigured(enrichment.CurrentValue.AdminKey)
            ? new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Admin key required",
                Detail = $"Send the admin key in the {AdminKey.HeaderName} header.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Admin is disabled",
                Detail = AdminKeyStrength.Problem(enrichment.CurrentValue.AdminKey) is { } weak
                    ? $"{weak} Set a stronger admin-key parameter (environment variable Enrichment__AdminKey) to enable the teacher's endpoints."
                    : "No admin key is configured: set the admin-key parameter (environment variable Enrichment__AdminKey) to enable the teacher's endpoints.",
            };
        Response.StatusCode = problem.Status!.Value;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
    }

    // The policy asks only for an authenticated teacher, so a forbid means the same as a challenge.
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => HandleChallengeAsync(properties);
}
