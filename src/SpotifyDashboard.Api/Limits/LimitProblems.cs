using Microsoft.AspNetCore.Mvc;

namespace SpotifyDashboard.Api.Limits;

/// <summary>The ProblemDetails a limit answers with, with <c>Retry-After</c> when waiting helps.</summary>
internal static class LimitProblems
{
    public const string TooManyRequests = "Too many requests";

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, TimeSpan? retryAfter = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    public static string TryAgainIn(TimeSpan? wait) =>
        wait is { } w ? $"Try again in {Math.Max(1, (int)Math.Ceiling(w.TotalSeconds))} s." : "Try again in a moment.";
}
