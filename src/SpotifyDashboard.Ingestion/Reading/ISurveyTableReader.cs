namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>A survey source (Google Sheet, CSV URL, CSV file): reads the whole table each time.</summary>
public interface ISurveyTableReader
{
    /// <summary>For logs and status: where the rows come from, without secrets.</summary>
    string Description { get; }

    /// <exception cref="SurveySourceException">The source cannot be read; the message says what to do.</exception>
    Task<SurveyTable> ReadAsync(CancellationToken cancellationToken);
}
