namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>
/// The ingest tests share one Garnet and run one after another, each flushing it first;
/// xunit only finds collection definitions in the test assembly, so this stays here.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<GarnetFixture>
{
    public const string Name = "redis";
}
