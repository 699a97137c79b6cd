using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Core.Configuration;
using StackExchange.Redis;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// The reader for a source: the Sheets API; for CSV the teacher's upload when one is stored, else a CSV URL, else a
/// CSV file (CsvUrl wins when both are set).
/// </summary>
public sealed class SurveyTableReaderFactory(IServiceProvider services, IOptions<SurveyOptions> options)
{
    /// <exception cref="SurveySourceException">A setting the source needs is missing; the message names it.</exception>
    public async Task<ISurveyTableReader> ForAsync(SurveySourceKind kind)
    {
        if (kind == SurveySourceKind.Csv && services.GetService<IConnectionMultiplexer>() is { } redis && await UploadedCsvReader.IsPresentAsync(redis))
        {
            return new UploadedCsvReader(redis);
        }

        var missing = options.Value.MissingSettingsFor(kind);
        if (missing.Count > 0)
        {
            throw new SurveySourceException(string.Join(" ", missing));
        }

        return For(kind);
    }

    /// <summary>The configured reader, not looking for an upload.</summary>
    public ISurveyTableReader For(SurveySourceKind kind) => kind switch
    {
        SurveySourceKind.GoogleSheet => services.GetRequiredService<GoogleSheetReader>(),
        SurveySourceKind.Csv when !string.IsNullOrWhiteSpace(options.Value.CsvUrl) => services.GetRequiredService<CsvUrlReader>(),
        SurveySourceKind.Csv => new CsvFileReader(options.Value.CsvPath ?? throw new SurveySourceException("Survey:CsvUrl or Survey:CsvPath must be set when Survey:Source is Csv.")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only GoogleSheet and Csv are read by the ingestion."),
    };
}
