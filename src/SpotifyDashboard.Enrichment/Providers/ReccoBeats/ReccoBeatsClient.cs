using System.Net.Http.Json;
using System.Text.Json;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment.Providers.ReccoBeats;

/// <summary>Audio features from ReccoBeats for up to 40 Spotify ids per request; ids it does not know are absent.</summary>
public sealed class ReccoBeatsClient(IHttpClientFactory httpClients, ProviderStatusRegistry registry, EnrichmentTelemetry telemetry)
{
    public const int MaxIdsPerRequest = 40;

    public async Task<IReadOnlyDictionary<string, AudioFeatures>> GetAudioFeaturesAsync(IReadOnlyList<string> spotifyIds, CancellationToken cancellationToken)
    {
        if (spotifyIds.Count is 0 or > MaxIdsPerRequest)
        {
            throw new ArgumentOutOfRangeException(nameof(spotifyIds), spotifyIds.Count, $"1 to {MaxIdsPerRequest} ids per request");
        }

        var client = httpClients.CreateClient(ProviderNames.ReccoBeats);
        var path = $"audio-features?ids={string.Join(',', spotifyIds.Select(Uri.EscapeDataString))}";
        using var response = await client.GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = $"{ProviderNames.ReccoBeats} answered {(int)response.StatusCode}";
            telemetry.Error(ProviderNames.ReccoBeats, $"http-{(int)response.StatusCode}");
            registry.RecordError(ProviderNames.ReccoBeats, message);
            throw new ProviderUnavailableException(ProviderNames.ReccoBeats, message);
        }

        ReccoBeatsFeaturesResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<ReccoBeatsFeaturesResponse>(UpstreamJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            telemetry.Error(ProviderNames.ReccoBeats, "malformed-json");
            registry.RecordError(ProviderNames.ReccoBeats, "reccobeats sent malformed JSON");
            throw new ProviderUnavailableException(ProviderNames.ReccoBeats, "reccobeats sent malformed JSON", e);
        }

        var features = new Dictionary<string, AudioFeatures>(StringComparer.Ordinal);
        foreach (var item in body?.Content ?? [])
        {
            if (item?.SpotifyId() is { } id)
            {
                features.TryAdd(id, item.ToFeatures());
            }
        }

        return features;
    }
}
