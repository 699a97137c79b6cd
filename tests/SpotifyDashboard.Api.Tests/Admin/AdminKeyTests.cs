namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>Every teacher's endpoint asks for the X-Admin-Key header, the same way.</summary>
public class AdminKeyTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/api/overrides" },
        { "POST", "/api/refresh" },
        { "GET", "/api/admin/refresh/some-id" },
        { "POST", "/api/admin/upload?preview=true" },
        { "POST", "/api/admin/upload?preview=false" },
        { "GET", "/api/admin/quarantine" },
        { "GET", "/api/admin/sources" },
        { "POST", "/api/admin/sources/active" },
        { "POST", "/api/admin/sources/read" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AnswersUnauthorizedWithoutTheKey(string method, string path)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Request(method, path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Admin key required");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AnswersUnauthorizedWithAWrongKeyOfTheSameOrAnotherLength(string method, string path)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.CreateClient();
        var sameLength = new string('x', AdminApi.Key.Length);

        foreach (var wrong in new[] { sameLength, AdminApi.Key[..^1], AdminApi.Key + "!", AdminApi.Key.ToUpperInvariant() })
        {
            var request = Request(method, path);
            request.Headers.Add("X-Admin-Key", wrong);
            await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized, "Admin key required");
        }

        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task SaysAdminIsDisabledWhenNoKeyIsConfigured(string method, string path)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet, key: null);
        using var client = factory.CreateClient();
        var request = Request(method, path);
        request.Headers.Add("X-Admin-Key", "anything");

        var problem = await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.ServiceUnavailable, "Admin is disabled");

        Assert.Contains("admin-key", problem.GetProperty("detail").GetString());
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("sesame")]
    [InlineData("password1234567890")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task AWeakKeyKeepsTheTeachersEndpointsOffEvenForThatKey(string weak)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet, key: weak);
        using var client = factory.CreateClient();
        var request = Request("POST", "/api/refresh");
        request.Headers.Add("X-Admin-Key", weak);

        var problem = await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.ServiceUnavailable, "Admin is disabled");

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("stronger admin-key", detail);
        Assert.DoesNotContain(weak, detail);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("Admin-Key")]
    [InlineData("X-Admin-Keys")]
    [InlineData("Authorization")]
    public async Task OnlyTheXAdminKeyHeaderCarriesTheKey(string header)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.CreateClient();
        var wrongHeader = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sources");
        wrongHeader.Headers.TryAddWithoutValidation(header, AdminApi.Key);
        var rightHeader = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sources");
        rightHeader.Headers.Add("X-Admin-Key", AdminApi.Key);

        await ProblemAssert.IsProblemAsync(await client.SendAsync(wrongHeader), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(rightHeader)).StatusCode);
    }

    [Fact]
    public async Task TheKeyIsCheckedBeforeTheBodyIsRead()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/overrides", AdminApi.Json("{ not json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OverridesWorkWithTheKey()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var invalid = await client.PostAsync("/api/overrides", AdminApi.Json("""{ "song": "Song", "artist": "Artist", "track": "not a track" }"""));
        var accepted = await client.PostAsync("/api/overrides", AdminApi.Json("""{ "song": "Song", "artist": "Artist", "track": "4uLU6hMCjMI75M1A2tKUQC" }"""));

        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "Invalid override");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task PublicEndpointsNeedNoKey()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/quarantine")).StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = path.Contains("upload", StringComparison.Ordinal)
                ? new StringContent(UploadCsv.Good, Encoding.UTF8, "text/csv")
                : path.EndsWith("/active", StringComparison.Ordinal)
                    ? AdminApi.Json("""{ "source": "csv" }""")
                    : path.EndsWith("/overrides", StringComparison.Ordinal)
                        ? AdminApi.Json("""{ "song": "Song", "artist": "Artist", "track": "4uLU6hMCjMI75M1A2tKUQC" }""")
                        : AdminApi.Json("{}");
        }

        return request;
    }

    private async Task AssertNothingChangedAsync()
    {
        var db = garnet.Redis.GetDatabase();
        Assert.False(await db.KeyExistsAsync(RedisKeys.ActiveSourceOverride));
        Assert.False(await db.KeyExistsAsync(RedisKeys.UploadedCsv));
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.WorkerCommands));
        Assert.Equal(0, await db.HashLengthAsync("sd:enrichment:overrides"));
    }
}
