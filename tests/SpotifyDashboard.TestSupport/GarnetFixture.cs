using StackExchange.Redis;
using Xunit;

namespace SpotifyDashboard.TestSupport;

/// <summary>
/// An xunit fixture owning one <see cref="InProcessGarnet"/>: use it as a class or collection fixture,
/// or derive from it to seed data once the server is up.
/// </summary>
public class GarnetFixture : IAsyncLifetime
{
    private InProcessGarnet? _garnet;

    public InProcessGarnet Garnet => _garnet ?? throw new InvalidOperationException("The Garnet fixture is not initialized yet.");

    public ConnectionMultiplexer Redis => Garnet.Redis;

    /// <summary>The server's address, as an app under test gets it in <c>ConnectionStrings:cache</c>.</summary>
    public string ConnectionString => Garnet.Address;

    public Task FlushAsync() => Garnet.FlushAsync();

    public virtual Task InitializeAsync()
    {
        _garnet = InProcessGarnet.Start();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        if (_garnet is not null)
        {
            await _garnet.DisposeAsync();
        }
    }
}
