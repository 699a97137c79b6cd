namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>A survey source (Google Sheet, CSV URL, CSV file): reads the whole table each time.</summary>
public interface ISurveyTableReader
{
    /// <summary>For logs and status: where the rows come from, without secrets.</summary>
    string Description { get; }

    /// <exception cref="SurveySourceException">The source cannot be read; the message says what to do.</exception>
    Task<SurveyTable> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The source cannot be read or used. <see cref="Exception.Message"/> is the full account for the
/// person who can fix it (logs and the teacher's Sources page): it may name the sheet id, a file path,
/// a URL, the service account's e-mail or what the upstream said. <see cref="PublicMessage"/> is what
/// the public <c>/api/status</c> shows: short and generic, naming at most a setting. Neither ever
/// holds the value of a secret.
/// </summary>
public sealed class SurveySourceException(string publicMessage, string detail, Exception? inner = null) : Exception(detail, inner)
{
    /// <summary>For a message that names only settings, so it is fit for everyone as it is.</summary>
    public SurveySourceException(string message)
        : this(message, message)
    {
    }

    public string PublicMessage => publicMessage;

    /// <summary>What a source that could not be reached (after retries) reports in public.</summary>
    public const string DidNotAnswer = "The survey source did not answer; the last good data is kept.";
}
