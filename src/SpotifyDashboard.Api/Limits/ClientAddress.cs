using System.Security.Cryptography;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// Who a request is for, as the limits count it: the browser user's address when the web forwards it and proves it
/// is the web (<see cref="KeyHeader"/> equal to <c>Internal:Key</c>, compared in constant time), otherwise the
/// connection's own address. A forwarded address without the key is ignored, so nobody picks their own partition.
/// </summary>
public sealed class ClientAddress
{
    public const string ForwardedHeader = "X-Dashboard-Client";
    public const string KeyHeader = "X-Dashboard-Key";
    public const string KeySetting = "Internal:Key";

    private readonly byte[]? _key;

    public ClientAddress(IConfiguration configuration)
    {
        var key = configuration[KeySetting];
        _key = string.IsNullOrWhiteSpace(key) ? null : Encoding.UTF8.GetBytes(key);
    }

    public string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(ClientAddress), out var known) && known is string address)
        {
            return address;
        }

        address = Resolve(context);
        context.Items[typeof(ClientAddress)] = address;
        return address;
    }

    private string Resolve(HttpContext context)
    {
        var own = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_key is null || !context.Request.Headers.TryGetValue(ForwardedHeader, out var forwarded))
        {
            return own;
        }

        var supplied = context.Request.Headers[KeyHeader].ToString();
        if (supplied.Length == 0 || !CryptographicOperations.FixedTimeEquals(_key, Encoding.UTF8.GetBytes(supplied)))
        {
            return own;
        }

        // Partition keys live in memory until they go idle: a trusted web sends one short address, never a list.
        var user = forwarded.ToString().Trim();
        return user.Length is > 0 and <= 64 ? "web:" + user : own;
    }
}
