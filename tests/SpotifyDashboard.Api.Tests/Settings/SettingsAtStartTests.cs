namespace SpotifyDashboard.Api.Tests.Settings;

/// <summary>A setting the api cannot work with stops it at start, and the message names the setting.</summary>
public class SettingsAtStartTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    [Theory]
    [InlineData("Analysis:SnapshotPollInterval", "00:00:00", "SnapshotPollInterval")]
    [InlineData("Analysis:Clusters", "many", "Analysis:Clusters")]
    [InlineData("Survey:Culture", "xx-NOPE-42", "Survey:Culture")]
    [InlineData("Spotify:Limits:BreakDuration", "00:00:00.100", "Spotify:Limits")]
    [InlineData("Spotify:SearchLimit", "11", "SearchLimit")]
    public void ABadSettingStopsTheApiNamingIt(string key, string value, string named)
    {
        using var api = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: new Dictionary<string, string> { [key] = value });

        var refused = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains(named, refused.ToString(), StringComparison.Ordinal);
    }
}
