using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyDashboard.Core.Storage;

/// <summary>The dashboard's one JSON format: everything stored in Redis and every answer the api serves.</summary>
public static class DashboardJson
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
