using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Tests;

/// <summary>Garnet holding the demo analysis and <see cref="TestClass.All"/>, and the api in demo mode over them.</summary>
public sealed class ClassDataFixture : GarnetServerFixture
{
    private AnalysisApiFactory? _factory;

    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyList<EnrichedResponse> Stored { get; } = TestClass.All();

    /// <summary>The answers that count: the superseded one left out.</summary>
    public IReadOnlyList<EnrichedResponse> Current => [.. Stored.Where(r => r.Response.SupersededBy is null)];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestSnapshots.SaveAsync(Redis, "demo");
        await TestClass.SaveAsync(Redis, Stored);
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
