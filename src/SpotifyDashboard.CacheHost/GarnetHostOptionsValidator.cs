using System.Net;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.CacheHost;

/// <summary>
/// The cache holds the class's answers: it listens on loopback unless someone says otherwise with
/// <c>Cache:AllowRemote=true</c>, and then never without a password.
/// </summary>
public sealed class GarnetHostOptionsValidator : IValidateOptions<GarnetHostOptions>
{
    public ValidateOptionsResult Validate(string? name, GarnetHostOptions options)
    {
        if (IsLoopback(options.Bind))
        {
            return ValidateOptionsResult.Success;
        }

        if (!options.AllowRemote)
        {
            return ValidateOptionsResult.Fail(
                $"Cache:Bind is '{options.Bind}', which is not a loopback address: other machines could reach the cache. " +
                "Bind to 127.0.0.1, or set Cache:AllowRemote=true (with Cache:Password) if that is really meant.");
        }

        return string.IsNullOrEmpty(options.Password)
            ? ValidateOptionsResult.Fail($"Cache:AllowRemote=true binds the cache to '{options.Bind}', but Cache:Password is empty: a reachable cache needs a password.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>An IP address (Garnet and the port probe take no host names) of this machine's loopback.</summary>
    public static bool IsLoopback(string bind) => IPAddress.TryParse(bind, out var address) && IPAddress.IsLoopback(address);
}
