using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Reading the captured console lines: what the process wrote (without the timestamp the orchestrator puts in front),
/// whether it is one JSON log record, and all the text it says, so a search also finds what JSON escaped
/// (<c>Zo\u00EB</c>, <c>O\u0027Neil</c>, <c>\u002B</c>).
/// </summary>
public static partial class ConsoleLogLines
{
    /// <summary>
    /// The orchestrator's note that it starts the process: the lines before it are the AppHost's own notes about the
    /// resource (waiting for what it depends on, certificates), every line after it is the process's console.
    /// </summary>
    public const string ProcessStartLine = "[sys] Starting process";

    /// <summary>The line as the process wrote it.</summary>
    public static string Text(CapturedLogLine line) => OrchestratorTimestamp().Replace(line.Content, "", 1);

    /// <summary>The record when the line is exactly one JSON object.</summary>
    public static JsonElement? Record(CapturedLogLine line)
    {
        try
        {
            using var document = JsonDocument.Parse(Text(line));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The lines the process itself wrote: everything after the orchestrator's start line.</summary>
    public static IReadOnlyList<CapturedLogLine> FromTheProcess(IReadOnlyList<CapturedLogLine> lines)
    {
        var start = lines.ToList().FindIndex(l => Text(l).StartsWith(ProcessStartLine, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no '{ProcessStartLine}' line among {lines.Count}");
        return [.. lines.Skip(start + 1)];
    }

    /// <summary>The line as written, and, for a JSON record, every name and string in it unescaped.</summary>
    public static string Readable(CapturedLogLine line)
    {
        var text = new StringBuilder(Text(line));
        if (Record(line) is { } record)
        {
            AppendStrings(record, text);
        }

        return text.ToString();
    }

    /// <summary>The scopes of a record (the JSON formatter's "Scopes" array), each an object of names and values.</summary>
    public static IEnumerable<JsonElement> Scopes(JsonElement record) =>
        record.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object)
            : [];

    /// <summary>The value a scope gives <paramref name="name"/>, if any scope does.</summary>
    public static string? ScopeValue(JsonElement record, string name) =>
        Scopes(record).Select(s => s.TryGetProperty(name, out var value) ? value.ToString() : null).FirstOrDefault(v => v is not null);

    /// <summary>A secret as a log might hold it: as it is, URL-encoded (both ways), base64 and base64url.</summary>
    public static IReadOnlyList<string> SecretForms(string secret)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        return [.. new[] { secret, Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret), base64, base64.TrimEnd('=').Replace('+', '-').Replace('/', '_') }.Distinct()];
    }

    private static void AppendStrings(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    text.Append('\n').Append(property.Name);
                    AppendStrings(property.Value, text);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AppendStrings(item, text);
                }

                break;
            case JsonValueKind.String:
                text.Append('\n').Append(element.GetString());
                break;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z ")]
    private static partial Regex OrchestratorTimestamp();
}
