namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// Paging query values. Bound as text so that "abc" gets a clear 400 that names the value,
/// instead of the framework's bare binding failure.
/// </summary>
public sealed record PageRequest(string? Limit, string? Offset)
{
    public const int MaxQuarantineLimit = 1000;
    public const int DefaultQuarantineLimit = 200;

    public int LimitOr(int fallback) => int.TryParse(Limit, out var value) ? value : fallback;

    public int OffsetOr(int fallback) => int.TryParse(Offset, out var value) ? value : fallback;

    /// <summary>The page of <paramref name="all"/> asked for (call <see cref="Validate"/> first).</summary>
    public IEnumerable<T> Of<T>(IEnumerable<T> all, int defaultLimit) => all.Skip(OffsetOr(0)).Take(LimitOr(defaultLimit));

    /// <summary>The paging errors, limit then offset, added to <paramref name="errors"/> when given.</summary>
    public Dictionary<string, string[]> Validate(int maxLimit, Dictionary<string, string[]>? errors = null)
    {
        errors ??= [];
        if (Limit is not null && (!int.TryParse(Limit, out var limit) || limit < 1 || limit > maxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {maxLimit}; got '{Limit}'."];
        }

        if (Offset is not null && (!int.TryParse(Offset, out var offset) || offset < 0))
        {
            errors["offset"] = [$"offset must be a whole number of 0 or more; got '{Offset}'."];
        }

        return errors;
    }
}
