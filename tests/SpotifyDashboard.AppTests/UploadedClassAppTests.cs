using System.Net.Http.Json;
using System.Text.Json;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The Forms file the teacher uploaded (Fixtures/class-survey.csv: eight rows, three bad and one repeated), read back
/// after a restart: exactly the expected answers and quarantined rows, with the reasons, and without Spotify credentials
/// every song waiting with the reason.
/// </summary>
[Collection(RestartedAppCollection.Name)]
public class UploadedClassAppTests(RestartedAppFixture fixture)
{
    [Fact]
    public async Task ResponsesAndQuarantineShowExactlyTheExpectedRows()
    {
        var status = await WholeAppTests.WaitForAsync(
            () => fixture.Api.GetFromJsonAsync<JsonElement>("/api/status"),
            s => s.GetProperty("sources").GetArrayLength() > 0 && s.GetProperty("sources")[0].GetProperty("rowsRead").GetInt64() == 8);

        var source = status.GetProperty("sources")[0];
        Assert.Equal("live", status.GetProperty("mode").GetString());
        Assert.Equal(4, source.GetProperty("accepted").GetInt64());
        Assert.Equal(3, source.GetProperty("quarantined").GetInt64());
        Assert.Equal(1, source.GetProperty("duplicates").GetInt64());

        var responses = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100");
        var songs = responses.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("song").GetString()).ToList();
        Assert.Equal(4, responses.GetProperty("total").GetInt64());
        Assert.Equal(["Volare", "Song with a \"quote\", and a comma", "Bohemian Rhapsody", "Despacito"], songs);

        // No Spotify credentials here: the songs wait, with the reason, and nothing is lost.
        Assert.All(responses.GetProperty("items").EnumerateArray(), i => Assert.Equal("pending", i.GetProperty("enrichment").GetString()));
        Assert.Equal(4, status.GetProperty("enrichment").GetProperty("pending").GetInt64());
        var spotify = await WholeAppTests.WaitForAsync(
            async () => (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("enrichment").GetProperty("providers")
                .EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "spotify"),
            p => p.ValueKind == JsonValueKind.Object && p.GetProperty("state").GetString() == "unavailable");
        Assert.Contains("credentials", spotify.GetProperty("lastError").GetString());

        var json = responses.GetRawText();
        Assert.DoesNotContain("Ana María", json);
        Assert.DoesNotContain("O'Neil", json);
        Assert.DoesNotContain("O\\u0027Neil", json);

        var quarantine = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/quarantine");
        var rows = quarantine.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("row").GetInt32());
        Assert.Equal(3, quarantine.GetProperty("total").GetInt64());
        Assert.Equal([5, 6, 7], rows.Keys.Order());
        Assert.Contains(rows[5].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("song", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows[6].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("age", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows[7].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("timestamp", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StatusReportsTheHeaderMappingFound()
    {
        var status = await WholeAppTests.WaitForAsync(
            () => fixture.Api.GetFromJsonAsync<JsonElement>("/api/status"),
            s => s.GetProperty("columns").ValueKind == JsonValueKind.Object);

        var matches = status.GetProperty("columns").GetProperty("matches").EnumerateArray()
            .ToDictionary(m => m.GetProperty("field").GetString()!, m => m.GetProperty("header").GetString());
        Assert.Equal("What's your favourite song?", matches["Song"]);
        Assert.Equal("Who is the artist?", matches["Artist"]);
        Assert.Equal("Timestamp", matches["Timestamp"]);
    }
}
