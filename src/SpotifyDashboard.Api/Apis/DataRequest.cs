using System.Globalization;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// The query of <c>GET /api/data</c> and the exports, named as <see cref="DataQuery"/>. Bound as text so that a bad
/// value gets a 400 that names it, instead of the framework's bare binding failure.
/// </summary>
public sealed record DataRequest(
    string? Q,
    string? Major,
    string? Year,
    string? Cluster,
    string? State,
    string? Sort,
    string? Desc,
    string? Offset,
    string? Limit)
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 50;
    public const int MaxTextLength = 200;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("q", Q), ("major", Major), ("year", Year) })
        {
            if (value is { Length: > MaxTextLength })
            {
                errors[name] = [$"{name} must be at most {MaxTextLength} characters."];
            }
        }

        if (Cluster is not null && !int.TryParse(Cluster, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            errors["cluster"] = [$"cluster must be a cluster id (a whole number); got '{Cluster}'."];
        }

        if (State is not null && ParseState(State) is null)
        {
            errors["state"] = [$"state must be one of {string.Join(", ", StateNames)}; got '{State}'."];
        }

        if (Sort is not null && DataSort.Canonical(Sort) is null)
        {
            errors["sort"] = [$"sort must be one of {string.Join(", ", DataQuery.SortKeys)}; got '{Sort}'."];
        }

        if (Desc is not null && !bool.TryParse(Desc, out _))
        {
            errors["desc"] = [$"desc must be true or false; got '{Desc}'."];
        }

        if (Limit is not null && (!int.TryParse(Limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}; got '{Limit}'."];
        }

        if (Offset is not null && (!int.TryParse(Offset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) || offset < 0))
        {
            errors["offset"] = [$"offset must be a whole number of 0 or more; got '{Offset}'."];
        }

        return errors;
    }

    /// <summary>The validated query (call <see cref="Validate"/> first); the sort key spelled as in <see cref="DataQuery.SortKeys"/>.</summary>
    public DataQuery ToQuery() => new(
        string.IsNullOrWhiteSpace(Q) ? null : Q,
        string.IsNullOrWhiteSpace(Major) ? null : Major,
        string.IsNullOrWhiteSpace(Year) ? null : Year,
        Cluster is null ? null : int.Parse(Cluster, NumberStyles.Integer, CultureInfo.InvariantCulture),
        State is null ? null : ParseState(State),
        DataSort.Canonical(Sort),
        Desc is null ? null : bool.Parse(Desc),
        Offset is null ? 0 : int.Parse(Offset, NumberStyles.Integer, CultureInfo.InvariantCulture),
        Limit is null ? DefaultLimit : int.Parse(Limit, NumberStyles.Integer, CultureInfo.InvariantCulture));

    private static readonly string[] StateNames = [.. Enum.GetValues<EnrichmentState>().Select(s => s.ToString().ToLowerInvariant())];

    /// <summary>"enriched", "Enriched", …; not a number (Enum.TryParse would take "7").</summary>
    private static EnrichmentState? ParseState(string text) =>
        Enum.GetValues<EnrichmentState>().Cast<EnrichmentState?>()
            .FirstOrDefault(s => string.Equals(s.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase));
}
