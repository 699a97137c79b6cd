using Microsoft.AspNetCore.WebUtilities;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>One request the web sent to the fake api, as the api would have seen it.</summary>
public sealed record FakeApiRequest(HttpMethod Method, string Path, string QueryString, string? Body)
{
    private readonly Dictionary<string, string> _query =
        QueryHelpers.ParseQuery(QueryString).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The request's headers (the first value of each), for what the web must or must not send.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>The query string's parameters, unescaped.</summary>
    public IReadOnlyDictionary<string, string> Query => _query;

    /// <summary>One parameter of the query string, or null when the request did not send it.</summary>
    public string? Param(string name) => _query.GetValueOrDefault(name);

    public override string ToString() => $"{Method} {Path}?{QueryString}";
}
