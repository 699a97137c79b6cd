using System.Net;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Reads <c>Survey:CsvUrl</c>, e.g. <c>https://docs.google.com/spreadsheets/d/{id}/export?format=csv</c>
/// of a sheet shared by link. A typed client: the resilience handler retries 429 and 5xx.
/// </summary>
public sealed class CsvUrlReader(HttpClient http, IOptions<SurveyOptions> options) : ISurveyTableReader
{
    private Uri Url => new(options.Value.CsvUrl ?? throw new SurveySourceException("Survey:CsvUrl is not set."));

    public string Description => $"CSV at {Url.GetLeftPart(UriPartial.Path)}";

    public async Task<SurveyTable> ReadAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new SurveySourceException(
                    "The CSV URL answered 404 Not Found: check Survey:CsvUrl.",
                    $"Survey:CsvUrl answered 404 Not Found: check the URL ({Description})."),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new SurveySourceException(
                    "The CSV URL is not public: share the sheet as 'Anyone with the link' or use Survey:Source=GoogleSheet.",
                    $"Survey:CsvUrl ({Description}) answered {status}: the file is not public. Share it as 'Anyone with the link' or use Survey:Source=GoogleSheet with a service account."),
                _ => new SurveySourceException(
                    SurveySourceException.DidNotAnswer,
                    $"Survey:CsvUrl ({Description}) answered {status} {response.ReasonPhrase} after retries; the last good data is kept."),
            };
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            // A private Google sheet answers its export URL with a sign-in page, not an error.
            throw new SurveySourceException(
                "The CSV URL returned a web page instead of CSV: the sheet is probably not shared by link.",
                $"Survey:CsvUrl ({Description}) returned an HTML page instead of CSV: the sheet is probably not shared by link (or needs sign-in).");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await CsvTableParser.ParseAsync(stream, cancellationToken);
    }
}
