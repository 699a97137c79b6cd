using System.ComponentModel.DataAnnotations;
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
        var failures = Failures(new SurveyOptions
        {
            SheetsBaseUrl = "sheets.local",
            Culture = "xx-NOPE-42",
            TimeZone = "Mars/Olympus",
            Columns = new(StringComparer.OrdinalIgnoreCase) { ["Favourite"] = "x" },
        });

        Assert.Contains(failures, f => f.StartsWith("Survey:SheetsBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Survey:Culture", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Survey:TimeZone", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Survey:Columns:Favourite", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingSettingsAreProblemsToReportNotStartFailures()
    {
        var options = new SurveyOptions();

        Assert.Empty(Failures(options));
        Assert.Equal(2, options.MissingSettingsFor(SurveySourceKind.GoogleSheet).Count);
        Assert.Contains("Survey:CsvUrl or Survey:CsvPath", Assert.Single(options.MissingSettingsFor(SurveySourceKind.Csv)));
        Assert.Empty(options.MissingSettingsFor(SurveySourceKind.Demo));
    }

    [Theory]
    [InlineData("Survey:TimeZone", "Mars/Olympus")]
    [InlineData("Survey:Columns:Favourite", "x")]
    [InlineData("Survey:Source", "Spreadsheet")]
    public void ABadSettingStopsTheStartNamingIt(string key, string value)
    {
        using var services = IngestionServices.Build(redis: null, new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static List<string> Failures(SurveyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
