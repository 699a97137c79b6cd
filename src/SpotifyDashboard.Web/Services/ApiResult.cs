namespace SpotifyDashboard.Web.Services;

/// <summary>What the api said when it did not answer with data: its ProblemDetails, or that it could not be reached.</summary>
public sealed record ApiProblem(int? Status, string Title, string? Detail)
{
    /// <summary>The api's 503 before the worker's first analysis of the active source.</summary>
    public bool IsNoAnalysisYet => Status == 503 && Title == "No analysis yet";

    public bool IsUnreachable => Status is null;

    public static ApiProblem Unreachable(string detail) =>
        new(null, "The api is not answering", $"{detail} The page shows the last data it had and tries again by itself.");
}

/// <summary>Data, or the reason there is none. Pages show one or the other, never an empty frame.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem) where T : class
{
    public static ApiResult<T> Ok(T value) => new(value, null);

    public static ApiResult<T> Failed(ApiProblem problem) => new(null, problem);
}
