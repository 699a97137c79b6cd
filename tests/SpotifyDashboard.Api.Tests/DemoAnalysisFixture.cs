namespace SpotifyDashboard.Api.Tests;

/// <summary>Garnet holding one demo analysis, and the api in demo mode over it.</summary>
public class DemoAnalysisFixture : GarnetServerFixture
{
    private AnalysisApiFactory? _factory;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The api's settings.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => AnalysisApiFactory.ManyUsersReads;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestSnapshots.SaveAsync(Redis, "demo");
        await SeedAsync();
        _factory = new AnalysisApiFactory(ConnectionString, SurveySourceKind.Demo, settings: Settings);
        Client = _factory.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>What Garnet holds besides the analysis, stored before the api starts.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;
}
