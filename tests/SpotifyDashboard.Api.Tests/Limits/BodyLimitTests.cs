namespace SpotifyDashboard.Api.Tests.Limits;

public class BodyLimitTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static string SongOfLength(int bytes) => $$"""{"song":"{{new string('a', bytes)}}","artist":"x"}""";

    [Fact]
    public async Task AnOversizedJsonBodyIsPayloadTooLarge()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet);
        var client = factory.CreateClient();

        var response = await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Post, "/api/predict-major", "10.0.0.1",
            new StringContent(SongOfLength(20 * 1024), Encoding.UTF8, "application/json")));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        Assert.Contains("16,384 bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnOversizedBodyOfUnknownLengthIsPayloadTooLargeToo()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet);
        var client = factory.CreateClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(SongOfLength(20 * 1024))));
        content.Headers.ContentType = new("application/json");
        var request = LimitsApiFactory.Request(HttpMethod.Post, "/api/predict-major", "10.0.0.1", content);
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Fact]
    public async Task ABodyWithinTheLimitIsServed()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet);
        var client = factory.CreateClient();

        var response = await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Post, "/api/predict-major", "10.0.0.1",
            new StringContent("""{"song":"Real Song","artist":"Real Artist"}""", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
