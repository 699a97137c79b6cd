using SpotifyDashboard.Web.Components.Pages;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class PrerenderedStateTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void ASmallAnswerIsHandedOver()
    {
        var twins = Twins();

        Assert.Same(twins, PrerenderedState.IfSmall(twins));
        Assert.Null(PrerenderedState.IfSmall<ModelAnswer>(null));
    }

    [Fact]
    public void AnAnswerOverTheLimitIsFetchedAgainInstead()
    {
        // A class with many excluded rows: the model report grows with them, and past the limit the circuit would not start.
        var excluded = Enumerable.Range(0, 1_000).Select(i => new ExcludedRow($"response-{i:00000}", "no audio features")).ToList();
        var big = Model() with { ExcludedRows = excluded };
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(big, Json).Length > PrerenderedState.MaxJsonBytes);

        Assert.Null(PrerenderedState.IfSmall(big));
        var small = Model();
        Assert.Same(small, PrerenderedState.IfSmall(small));
    }
}
