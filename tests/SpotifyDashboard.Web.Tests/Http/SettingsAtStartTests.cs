using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>A setting the web reads from a section it shares with the backend stops it at start when bad, naming the setting.</summary>
public sealed class SettingsAtStartTests
{
    [Theory]
    [InlineData("Spotify:RedirectUri", "not a url", "RedirectUri")]
    [InlineData("Spotify:AccountsBaseUrl", "", "AccountsBaseUrl")]
    [InlineData("Survey:TimeZone", "Mars/Olympus", "Survey:TimeZone")]
    public void ABadSettingStopsTheWebNamingIt(string key, string value, string named)
    {
        using var web = new WebFactory(settings: new Dictionary<string, string> { [key] = value });

        var refused = Assert.ThrowsAny<Exception>(() => web.CreateClient());

        Assert.Contains(named, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheJoinPanelsLinkIsTheSurveySectionsFormUrl()
    {
        using var web = new WebFactory(settings: new Dictionary<string, string> { ["Survey:FormUrl"] = "https://forms.gle/abc123" });

        var survey = web.Services.GetRequiredService<IOptions<SurveyOptions>>().Value;

        Assert.Equal("https://forms.gle/abc123", survey.FormUrl);
    }
}
