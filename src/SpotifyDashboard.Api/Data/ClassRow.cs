using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Data;

/// <summary>One current answer, its <see cref="DataRow"/>, and the folded text the grid searches and sorts by (made once per view).</summary>
public sealed class ClassRow
{
    public ClassRow(EnrichedResponse item, DataRow row)
    {
        Item = item;
        Row = row;
        Student = TextSearch.Fold(row.Student);
        Song = TextSearch.Fold(row.Song);
        Artist = TextSearch.Fold(row.Artist);
        Major = TextSearch.Fold(row.Major);
        Year = TextSearch.Fold(row.Year);
    }

    public EnrichedResponse Item { get; }

    public DataRow Row { get; }

    public string Student { get; }

    public string Song { get; }

    public string Artist { get; }

    public string Major { get; }

    public string Year { get; }

    /// <summary>Whether the folded <paramref name="foldedQuery"/> is part of the pseudonym, song or artist.</summary>
    public bool Matches(string foldedQuery) =>
        Student.Contains(foldedQuery, StringComparison.Ordinal)
        || Song.Contains(foldedQuery, StringComparison.Ordinal)
        || Artist.Contains(foldedQuery, StringComparison.Ordinal);
}
