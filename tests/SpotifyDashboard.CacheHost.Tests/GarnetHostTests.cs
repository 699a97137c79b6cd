using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.CacheHost;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.CacheHost.Tests;

/// <summary>The cache host's Garnet: loopback unless told otherwise, and a password every client must give.</summary>
public sealed class GarnetHostTests
{
    private const string Password = "test-cache-password-0123456789ab";

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("::")]
    [InlineData("localhost")]
    public void RefusesAnAddressOtherThanLoopbackUnlessAllowed(string bind)
    {
        var result = new GarnetHostOptionsValidator().Validate(null, new GarnetHostOptions { Bind = bind, Password = Password });

        Assert.True(result.Failed);
        Assert.Contains("Cache:AllowRemote=true", result.FailureMessage);
        Assert.DoesNotContain(Password, result.FailureMessage);
    }

    [Fact]
    public void AllowsARemoteBindOnlyWithAPassword()
    {
        var validator = new GarnetHostOptionsValidator();

        var withPassword = validator.Validate(null, new GarnetHostOptions { Bind = "0.0.0.0", AllowRemote = true, Password = Password });
        var without = validator.Validate(null, new GarnetHostOptions { Bind = "0.0.0.0", AllowRemote = true });

        Assert.True(withPassword.Succeeded);
        Assert.True(without.Failed);
        Assert.Contains("Cache:Password", without.FailureMessage);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void AllowsLoopback(string bind) =>
        Assert.True(new GarnetHostOptionsValidator().Validate(null, new GarnetHostOptions { Bind = bind }).Succeeded);

    [Fact]
    public async Task AClientWithoutThePasswordIsRefusedAndOneWithItIsServed()
    {
        var options = new GarnetHostOptions { Port = LoopbackPort.Free(), Password = Password };
        using var host = new GarnetHost(MsOptions.Create(options), NullLogger<GarnetHost>.Instance);
        await host.StartAsync(CancellationToken.None);

        // Garnet's own answer to a command without AUTH, over plain RESP.
        Assert.StartsWith("-NOAUTH", await GarnetCommand.SendAsync(options.Port, "PING", null, CancellationToken.None), StringComparison.OrdinalIgnoreCase);

        // A client library without the password gets no usable connection. (Whether it reports NOAUTH or a failed
        // connect depends on how far its handshake got on a busy machine, so only the refusal is asserted.)
        await using var anonymous = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{options.Port},abortConnect=false,connectTimeout=2000");
        await Assert.ThrowsAnyAsync<RedisException>(() => anonymous.GetDatabase().StringSetAsync("sd:test", "x"));

        await using var wrong = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{options.Port},password=wrong,abortConnect=false,connectTimeout=2000");
        await Assert.ThrowsAnyAsync<RedisException>(() => wrong.GetDatabase().StringSetAsync("sd:test", "x"));

        await using var client = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{options.Port},password={Password},connectTimeout=15000");
        Assert.True(await client.GetDatabase().StringSetAsync("sd:test", "x"));
        Assert.Equal("x", await client.GetDatabase().StringGetAsync("sd:test"));

        var health = await new GarnetHealthCheck(host).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.StartsWith("-", await GarnetCommand.SendAsync(options.Port, "PING", "wrong", CancellationToken.None));

        await host.StopAsync(CancellationToken.None);
    }
}
