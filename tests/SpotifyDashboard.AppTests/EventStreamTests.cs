using System.Net.ServerSentEvents;

namespace SpotifyDashboard.AppTests;

[Collection(AppCollection.Name)]
public class EventStreamTests(AppFixture fixture)
{
    [Fact]
    public async Task NewResponsesArePushedAsServerSentEvents()
    {
        using var http = fixture.App.CreateHttpClient("api", "http");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var types = new List<string>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cts.Token))
        {
            types.Add(item.EventType);
            if (item.EventType == "response-added")
            {
                Assert.Contains("\"source\":\"demo\"", item.Data);
                break;
            }
        }

        Assert.Equal("connected", types[0]);
        Assert.Equal("response-added", types[^1]);
    }
}
