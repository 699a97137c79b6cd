namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>The api with an admin key on an in-process Garnet, and what the admin tests read back from the store.</summary>
public static class AdminApi
{
    public const string Key = "correct-horse-battery";

    public static AnalysisApiFactory Factory(
        GarnetServerFixture garnet,
        SurveySourceKind source = SurveySourceKind.Demo,
        string? key = Key,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        if (key is not null)
        {
            all["Enrichment:AdminKey"] = key;
        }

        return new AnalysisApiFactory(garnet.ConnectionString, source, settings: all);
    }

    public static HttpClient Teacher(this AnalysisApiFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", Key);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<IReadOnlyList<WorkerCommand>> QueuedCommandsAsync(IConnectionMultiplexer redis)
    {
        var values = await redis.GetDatabase().ListRangeAsync(RedisKeys.WorkerCommands);
        return [.. values.Select(v => JsonSerializer.Deserialize<WorkerCommand>(v.ToString(), DashboardJson.Options)!)];
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, DashboardJson.Options)!;
    }
}
