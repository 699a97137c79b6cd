using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Tests;

/// <summary>Garnet holding one demo analysis, and the api in demo mode over it.</summary>
public sealed class DemoAnalysisFixture : GarnetServerFixture
{
    private AnalysisApiFactory? _factory;

    public HttpClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestSnapshots.SaveAsync(Redis, "demo");
        _factory = new AnalysisApiFactory(ConnectionString, SurveySourceKind.Demo, settings: AnalysisApiFactory.ManyUsersReads);
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
}
