using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;

namespace SpotifyDashboard.Ingestion.Tests.Options;

public class SurveyOptionsTests
{
    [Fact]
    public void BindsTheSurveySectionWithItsDefaults()
    {
        using var services = IngestionServices.Build(redis: null, new Dictionary<string, string?>
        {
            ["Survey:Source"] = "GoogleSheet",
            ["Survey:SheetId"] = "abc",
            ["Survey:Columns:Song"] = "Canción|Tema",
        });

        var options = services.GetRequiredService<IOptions<SurveyOptions>>().Value;

        Assert.Equal(("abc", "https://sheets.googleapis.com"), (options.SheetId, options.SheetsBaseUrl));
        // Not set: the responses tab is looked for, and the sheet's own zone and locale are used.
        Assert.Equal(((string?)null, (string?)null, (string?)null), (options.Range, options.TimeZone, options.Culture));
        Assert.Equal("Canción|Tema", options.Columns["song"]);
    }

    [Fact]
    public void ValuesThatCannotWorkFailNamingTheSetting()
    {
        var result = new SurveyOptionsValidator().Validate(null, new SurveyOptions
        {
            SheetsBaseUrl = "sheets.local",
            Culture = "xx-NOPE-42",
            TimeZone = "Mars/Olympus",
            Columns = new(StringComparer.OrdinalIgnoreCase) { ["Favourite"] = "x" },
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Survey:SheetsBaseUrl", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Survey:Culture", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Survey:TimeZone", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Survey:Columns:Favourite", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingSettingsAreProblemsToReportNotStartFailures()
    {
        var options = new SurveyOptions();

        Assert.True(new SurveyOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(2, options.MissingSettingsFor(SurveySourceKind.GoogleSheet).Count);
        Assert.Contains("Survey:CsvUrl or Survey:CsvPath", Assert.Single(options.MissingSettingsFor(SurveySourceKind.Csv)));
        Assert.Empty(options.MissingSettingsFor(SurveySourceKind.Demo));
    }
}
