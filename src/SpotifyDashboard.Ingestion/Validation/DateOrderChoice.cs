using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Ingestion.Validation;

/// <summary>
/// How day and month are read in a column where both are 12 or less, and why (shown on the teacher's Sources page).
/// <see cref="DayMonthDates"/> counts the column's dates written day and month without the year first: when there are
/// none (the Forms download, ISO, serials) the order does not matter.
/// </summary>
public sealed record DateOrderChoice(DateOrder Order, string Reason, bool FromColumn = false, int DayMonthDates = 0)
{
    public string Describe() =>
        $"Dates like 05/09/2025 are read {(Order == DateOrder.DayFirst ? "day first (5 September)" : "month first (May 9)")}: {Reason}.";
}
