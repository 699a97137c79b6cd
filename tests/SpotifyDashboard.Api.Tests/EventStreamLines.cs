namespace SpotifyDashboard.Api.Tests;

/// <summary>Reads an open <c>/api/events</c> stream line by line, failing when nothing comes for a while.</summary>
public static class EventStreamLines
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The next non-empty line, or a failure after a while.</summary>
    public static async Task<string> NextLineAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("The stream ended.");
            if (line.Length > 0)
            {
                return line;
            }
        }
    }

    /// <summary>The type of the next event, skipping data lines and heartbeats.</summary>
    public static async Task<string> NextEventAsync(StreamReader reader)
    {
        while (true)
        {
            var line = await NextLineAsync(reader);
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                return line["event: ".Length..];
            }
        }
    }
}
