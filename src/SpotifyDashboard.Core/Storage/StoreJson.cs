using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyDashboard.Core.Storage;

/// <summary>One JSON shape for everything stored in Redis and served by the api.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The same settings, applied to an existing options object (the api's, the web's client).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
