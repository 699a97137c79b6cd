using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Options;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>The reader for the configured source: the Sheets API, a CSV URL, or a CSV file (CsvUrl wins when both are set).</summary>
public sealed class SurveyTableReaderFactory(IServiceProvider services, IOptions<SurveyIngestionOptions> options)
{
    public ISurveyTableReader For(SurveySourceKind kind) => kind switch
    {
        SurveySourceKind.GoogleSheet => services.GetRequiredService<GoogleSheetReader>(),
        SurveySourceKind.Csv when !string.IsNullOrWhiteSpace(options.Value.CsvUrl) => services.GetRequiredService<CsvUrlReader>(),
        SurveySourceKind.Csv => new CsvFileReader(options.Value.CsvPath ?? throw new SurveySourceException("Survey:CsvUrl or Survey:CsvPath must be set when Survey:Source is Csv.")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only GoogleSheet and Csv are read by the ingestion."),
    };
}
