using Microsoft.Extensions.Options;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

public class OptionsTests
{
    [Fact]
    public async Task DefaultsFollowTheRealServices()
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes, new() { ["Spotify:ApiBaseUrl"] = null, ["Spotify:AccountsBaseUrl"] = null, ["ReccoBeats:BaseUrl"] = null });

        var spotify = host.Get<IOptions<SpotifyOptions>>().Value;
        var enrichment = host.Get<IOptions<EnrichmentOptions>>().Value;

        Assert.Equal("https://accounts.spotify.com", spotify.AccountsBaseUrl);
        Assert.Equal("https://api.spotify.com/v1", spotify.ApiBaseUrl);
        Assert.Equal("https://api.reccobeats.com/v1", host.Get<IOptions<ReccoBeatsOptions>>().Value.BaseUrl);
        Assert.False(spotify.UseAudioFeaturesEndpoint);
        Assert.Equal(TimeSpan.FromMinutes(10), spotify.RefusedProbeInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), enrichment.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromDays(30), enrichment.TrackTtl);
        Assert.Equal(TimeSpan.FromHours(24), enrichment.MissTtl);
        Assert.Equal(40, enrichment.BatchSize);
        Assert.Null(enrichment.AdminKey);
    }

    [Theory]
    [InlineData("Spotify:SearchLimit", "11")]
    [InlineData("Spotify:RefusedProbeInterval", "00:00:00")]
    [InlineData("Enrichment:BatchSize", "41")]
    [InlineData("Spotify:Limits:BreakDuration", "00:00:00.100")]
    [InlineData("Spotify:Limits:SamplingDuration", "00:00:00.100")]
    [InlineData("ReccoBeats:Limits:MaxRetries", "6")]
    public async Task ABadSettingIsRefusedWithItsName(string key, string value)
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes, new() { [key] = value });
        var section = key.Split(':')[0];

        var error = Assert.Throws<OptionsValidationException>(() => section switch
        {
            "Spotify" => (object)host.Get<IOptions<SpotifyOptions>>().Value,
            "ReccoBeats" => host.Get<IOptions<ReccoBeatsOptions>>().Value,
            _ => host.Get<IOptions<EnrichmentOptions>>().Value,
        });
        Assert.Contains(key.Split(':')[^1] is "BreakDuration" or "SamplingDuration" or "MaxRetries" ? $"{section}:Limits" : key.Split(':')[^1], error.Message);
    }
}
