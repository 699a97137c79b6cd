namespace SpotifyDashboard.Api.Tests;

public static class ApiJson
{
    /// <summary>Asserts 200 and reads the body as <typeparamref name="T"/> with the api's JSON options.</summary>
    public static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, DashboardJson.Options)!;
    }
}
