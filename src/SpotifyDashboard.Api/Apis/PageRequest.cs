namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// Paging query values. Bound as text so that "abc" gets a clear 400 that names the value,
/// instead of the framework's bare binding failure.
/// </summary>
public sealed record PageRequest(string? Limit, string? Offset)
{
    public int LimitOr(int fallback) => int.TryParse(Limit, out var value) ? value : fallback;

    public int OffsetOr(int fallback) => int.TryParse(Offset, out var value) ? value : fallback;

    public Dictionary<string, string[]> Validate(int maxLimit)
    {
        var errors = new Dictionary<string, string[]>();
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
