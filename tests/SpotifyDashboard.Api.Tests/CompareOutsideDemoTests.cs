using System.Net;
using System.Net.Http.Json;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Tests;

/// <summary>POST /api/compare without demo data, and before any analysis.</summary>
public class CompareOutsideDemoTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    [Fact]
    public async Task TheDemoListenerNeedsDemoData()
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "csv");
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/compare", new { demoListener = true });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("only available with demo data", problem.GetProperty("errors").GetProperty("demoListener")[0].GetString());
    }

    [Fact]
    public async Task BeforeAnyAnalysisItSaysSo()
    {
        await garnet.FlushAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/compare", new { demoListener = true });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "No analysis yet");
    }
}
