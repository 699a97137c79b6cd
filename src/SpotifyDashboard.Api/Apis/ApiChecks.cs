namespace SpotifyDashboard.Api.Apis;

/// <summary>The checks and problems several endpoints share.</summary>
public static class ApiChecks
{
    /// <summary>
    /// Checks the endpoint's <typeparamref name="T"/> argument once it is bound, before the handler runs: a 400
    /// ValidationProblem titled <paramref name="title"/> with the errors by field, or the handler's answer when there are none.
    /// </summary>
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder builder, string title, Func<T, Dictionary<string, string[]>> check) =>
        builder
            .AddEndpointFilter(async (context, next) =>
                context.Arguments.OfType<T>().FirstOrDefault() is { } argument && check(argument) is { Count: > 0 } errors
                    ? TypedResults.ValidationProblem(errors, title: title)
                    : await next(context))
            .ProducesValidationProblem();

    public static ValidationProblem Invalid(string field, string error, string title) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, title: title);

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
