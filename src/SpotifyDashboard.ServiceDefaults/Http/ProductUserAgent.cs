using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.ServiceDefaults.Http;

/// <summary>
/// The User-Agent every outgoing request carries: <c>SpotifyDashboard/&lt;version&gt; (+&lt;contact url&gt;)</c>, the
/// version being the informational version MinVer stamps on every assembly of the product. Services such as ReccoBeats
/// refuse callers that do not say who they are; the address tells their operators whom to ask.
/// </summary>
public sealed class ProductUserAgent(IOptions<UserAgentOptions> options)
{
    public const string ProductName = "SpotifyDashboard";

    private readonly Lazy<ProductInfoHeaderValue[]> _values = new(() => Parse(Format(ProductVersion, options.Value.ContactUrl)));

    /// <summary>The product's version, the same in every assembly it ships.</summary>
    public static string ProductVersion { get; } = VersionOf(typeof(ProductUserAgent).Assembly);

    /// <summary>The header's text.</summary>
    public string Value => string.Join(' ', _values.Value.Select(v => v.ToString()));

    /// <summary>The header's parts: the product token and the comment with the address.</summary>
    public IReadOnlyList<ProductInfoHeaderValue> Values => _values.Value;

    public static string Format(string version, string contactUrl) => $"{ProductName}/{version} (+{contactUrl})";

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    private static ProductInfoHeaderValue[] Parse(string text)
    {
        var header = new HttpRequestMessage().Headers.UserAgent;
        header.ParseAdd(text);
        return [.. header];
    }
}
