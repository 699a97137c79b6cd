using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// What a Google API error body says: <c>{"error": {"code", "message", "status", "details": [...]}}</c>. Two 403s share
/// status PERMISSION_DENIED: a sheet not shared with the caller ("The caller does not have permission") and an API not
/// enabled in the caller's project (an ErrorInfo with reason SERVICE_DISABLED, the project in its metadata and a Help
/// link to enable it).
/// </summary>
public sealed partial record GoogleApiError(string Message, string? Reason, string? Project, string? ActivationUrl)
{
    public const string ServiceDisabled = "SERVICE_DISABLED";

    public bool IsServiceDisabled =>
        Reason == ServiceDisabled
        || Message.Contains("has not been used in project", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("it is disabled", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the project's owner enables the Sheets API: Google's own link, or the console page built from the project number.</summary>
    public string? EnableLink => ActivationUrl
        ?? (Project is { } project ? $"https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project={project}" : null);

    public static async Task<GoogleApiError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return FromError(error);
            }
        }
        catch (JsonException)
        {
        }

        return new GoogleApiError(body.Length > 200 ? body[..200] : body, null, null, null);
    }

    private static GoogleApiError FromError(JsonElement error)
    {
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        string? reason = null, project = null, activation = null;
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
            {
                var type = Text(detail, "@type") ?? "";
                if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                {
                    reason = Text(detail, "reason");
                    if (detail.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                    {
                        project = Text(metadata, "consumer")?.Replace("projects/", "", StringComparison.Ordinal);
                        activation ??= Text(metadata, "activationUrl");
                    }
                }
                else if (type.EndsWith("google.rpc.Help", StringComparison.Ordinal) && detail.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
                {
                    activation ??= links.EnumerateArray().Select(l => Text(l, "url")).FirstOrDefault(u => u is not null);
                }
            }
        }

        project ??= ProjectInMessage().Match(message) is { Success: true } found ? found.Groups[1].Value : null;
        return new GoogleApiError(message, reason, project, activation);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"in project (\d+)")]
    private static partial Regex ProjectInMessage();
}
