using System.Text.Json;

namespace SpotifyDashboard.Enrichment.Providers.Spotify;

/// <summary>
/// Reading Spotify's 403s: whether one refuses the app as a whole or just the request, and what it says. Spotify sends
/// its message as JSON (<c>{"error":{"status":403,"message":…}}</c> from the Web API, <c>error_description</c> from the
/// accounts service) or as plain text.
/// </summary>
public static class SpotifyRefusal
{
    /// <summary>What the Web API answers to every call of a development-mode app whose owner has no Premium.</summary>
    public const string PremiumRequired = "Active premium subscription required for the owner of the app";

    /// <summary>403s in a row, from different calls and with no answer between, after which Spotify refuses the app, not the request.</summary>
    public const int AppWideAfter = 3;

    /// <summary>The reason shown when Spotify's message is not one of the known ones.</summary>
    public const string EveryCallRefused = "Spotify answers 403 to every call of this app";

    private const int MaxMessageLength = 200;

    // Messages that concern the app whatever the request was.
    private static readonly string[] KnownAppWide = [PremiumRequired];

    /// <summary>Whether <paramref name="message"/> is one Spotify sends when it refuses the app as a whole.</summary>
    public static bool IsAppWide(string? message) =>
        message is not null && KnownAppWide.Any(known => message.Contains(known, StringComparison.OrdinalIgnoreCase));

    /// <summary>A refusal reason fit for pages anyone may read: a known message of Spotify's as it is, otherwise a fixed phrase.</summary>
    public static string Public(string? reason) =>
        KnownAppWide.FirstOrDefault(known => reason?.Contains(known, StringComparison.OrdinalIgnoreCase) == true) ?? EveryCallRefused;

    /// <summary>Spotify's message in a refusal, on one line and at most 200 characters; empty when it sent none.</summary>
    public static async Task<string> MessageOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return "";
        }

        var message = FromJson(text) ?? text;
        message = string.Join(' ', message.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));
        return message.Length > MaxMessageLength ? message[..MaxMessageLength] + "…" : message;
    }

    private static string? FromJson(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }

                if (root.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String)
                {
                    return description.GetString();
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
