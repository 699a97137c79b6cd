using System.Net.Http.Json;
using System.Text.Json;
using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>Reading a provider's answer: Spotify and ReccoBeats both answer in snake_case.</summary>
internal static class UpstreamJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The body; malformed JSON is the provider failing, like an error status.</summary>
    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, string provider, ProviderStatusRegistry registry, EnrichmentTelemetry telemetry, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw Failure(provider, "malformed-json", $"{provider} sent malformed JSON", registry, telemetry, e);
        }
    }

    /// <summary>A provider's failure, counted and recorded, as the exception that leaves the songs pending.</summary>
    public static ProviderUnavailableException Failure(string provider, string error, string message, ProviderStatusRegistry registry, EnrichmentTelemetry telemetry, Exception? inner = null)
    {
        telemetry.Error(provider, error);
        registry.RecordError(provider, message);
        return new ProviderUnavailableException(provider, message, inner);
    }
}
