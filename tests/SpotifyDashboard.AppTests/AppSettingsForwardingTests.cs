using Microsoft.Extensions.Configuration;
using SpotifyDashboard.AppHost;

namespace SpotifyDashboard.AppTests;

/// <summary>Which AppHost settings are passed to the services as plain environment variables.</summary>
public class AppSettingsForwardingTests
{
    [Theory]
    [InlineData("Survey:ServiceAccount")]
    [InlineData("survey:serviceaccount")]
    [InlineData("Survey:ServiceAccount:private_key")]
    [InlineData("Spotify:ClientSecret")]
    [InlineData("Enrichment:AdminKey")]
    [InlineData("Privacy:PseudonymKey")]
    [InlineData("privacy:pseudonymkey")]
    [InlineData("Spotify:ApiKey")]
    [InlineData("Spotify:APIKey")]
    [InlineData("Demo:Key")]
    [InlineData("Analysis:Redis:Password")]
    [InlineData("Enrichment:RefreshToken")]
    [InlineData("ReccoBeats:Credentials:User")]
    [InlineData("Survey:DbConnectionString")]
    [InlineData("Survey:GOOGLE_SERVICE_ACCOUNT")]
    public void RefusesSecretLookingNames(string key) => Assert.True(AppSettingsForwarding.LooksSecret(key));

    [Theory]
    [InlineData("Survey:SheetId")]
    [InlineData("Survey:CsvUrl")]
    [InlineData("Survey:FormUrl")]
    [InlineData("Survey:Columns:Song")]
    [InlineData("Survey:Columns:Name")]
    [InlineData("Spotify:ClientId")]
    [InlineData("Spotify:AccountsBaseUrl")]
    [InlineData("Spotify:TokenUrl")]
    [InlineData("Privacy:StoreNames")]
    [InlineData("Privacy:PseudonymKeyRotation")]
    [InlineData("Analysis:Seed")]
    [InlineData("Demo:Students")]
    [InlineData("LiveFeed:MaxItems")]
    public void ForwardsOrdinaryNames(string key) => Assert.False(AppSettingsForwarding.LooksSecret(key));

    [Fact]
    public void PlansToForwardTheRestAndNamesWhatItRefuses()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Survey:SheetId"] = "1abc",
            ["Survey:ServiceAccount"] = "{\"private_key\":\"-----BEGIN PRIVATE KEY-----\"}",
            ["Survey:Columns:Song"] = "Canción favorita",
            ["Privacy:PseudonymKey"] = "hunter2-hunter2",
        }).Build();

        var (forwarded, refused) = AppSettingsForwarding.Plan(configuration, AppSettingsForwarding.BackendSections);

        Assert.Equal(["Survey:Columns:Song", "Survey:SheetId"], forwarded.Select(p => p.Key).Order());
        Assert.Equal(["Privacy:PseudonymKey", "Survey:ServiceAccount"], refused.Order());
    }

    [Fact]
    public void TheWarningNamesTheSettingAndTheParameterButNotTheValue()
    {
        var warning = AppSettingsForwarding.RefusalWarning("Survey:ServiceAccount", "worker");

        Assert.Contains("Survey:ServiceAccount", warning);
        Assert.Contains("google-service-account", warning);
        Assert.Contains("worker", warning);
        Assert.Contains("Parameters:<name>", AppSettingsForwarding.RefusalWarning("Spotify:ApiKey", "api"));
    }
}
