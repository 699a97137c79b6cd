using System.Text.Json;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>Spotify and ReccoBeats both answer in snake_case.</summary>
internal static class UpstreamJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };
}
