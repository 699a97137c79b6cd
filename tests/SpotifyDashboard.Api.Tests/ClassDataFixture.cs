namespace SpotifyDashboard.Api.Tests;

/// <summary>Garnet holding the demo analysis and <see cref="TestClass.All"/>, and the api in demo mode over them.</summary>
public sealed class ClassDataFixture : DemoAnalysisFixture
{
    public IReadOnlyList<EnrichedResponse> Stored { get; } = TestClass.All();

    /// <summary>The answers that count: the superseded one left out.</summary>
    public IReadOnlyList<EnrichedResponse> Current => [.. Stored.Where(r => r.Response.SupersededBy is null)];

    protected override Task SeedAsync() => TestClass.SaveAsync(Redis, Stored);
}
