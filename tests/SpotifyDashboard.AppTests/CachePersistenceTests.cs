namespace SpotifyDashboard.AppTests;

/// <summary>
/// Everything in the cache and the teacher's upload are still there after a restart. A lost cache (its folder gone)
/// keeping the uploaded class is checked on the api alone (LostCacheTests), and the AppHost handing the api its data
/// folder in AppModelTests: a third start of the whole app would add only time.
/// </summary>
[Collection(RestartedAppCollection.Name)]
public class CachePersistenceTests(RestartedAppFixture fixture)
{
    [Fact]
    public async Task DataSurvivesAStopAndAStartOfTheWholeApp()
    {
        var db = fixture.Redis.GetDatabase();
        Assert.Equal(fixture.Marker, (string?)await db.StringGetAsync("sd:test:persistence"));
        Assert.True(await db.HashLengthAsync("sd:responses:demo") >= fixture.DemoResponsesBefore);
        Assert.True(await db.KeyExistsAsync("sd:checkpoint:demo"), "the demo checkpoint was lost");
        Assert.True(await db.HashLengthAsync("sd:responses:csv") >= fixture.UploadedStudents, "the uploaded class's answers were lost");
        var status = await RestartedAppFixture.WaitForClassAsync(fixture.Api, s => s.ActiveSource == "csv" && s.Responses == fixture.UploadedStudents);
        Assert.Equal(SpotifyDashboard.Core.Contracts.StatusReport.LiveMode, status.Mode);
    }
}
