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

    private static readonly string[] StateNames = [.. Enum.GetValues<EnrichmentState>().Select(s => s.ToString().ToLowerInvariant())];

    private PageRequest Page => new(Limit, Offset);

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

        return Page.Validate(MaxLimit, errors);
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
        Page.OffsetOr(0),
        Page.LimitOr(DefaultLimit));

    /// <summary>"enriched", "Enriched", …; not a number (Enum.TryParse would take "7").</summary>
    private static EnrichmentState? ParseState(string text) =>
        Enum.GetValues<EnrichmentState>().Cast<EnrichmentState?>()
            .FirstOrDefault(s => string.Equals(s.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase));
}
