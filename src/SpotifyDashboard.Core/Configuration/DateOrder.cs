namespace SpotifyDashboard.Core.Configuration;

/// <summary>How a date like <c>05/09/2025</c> is read when nothing in its column says: <c>Survey:DateOrder</c>.</summary>
public enum DateOrder
{
    /// <summary>05/09/2025 is 5 September (en-GB, es, de, fr, pt, hi, …).</summary>
    DayFirst,

    /// <summary>05/09/2025 is 9 May (en-US).</summary>
    MonthFirst,
}
