using QRCoder;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// The survey form's link as the join panel shows it: the address without its scheme in large type, and a QR code
/// drawn as SVG on the server (no script, no image request). Only absolute http(s) links are shown.
/// </summary>
public sealed record SurveyLink(string Url, string Display, string Svg)
{
    public static SurveyLink? From(string? formUrl)
    {
        if (string.IsNullOrWhiteSpace(formUrl)
            || !Uri.TryCreate(formUrl.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var url = uri.AbsoluteUri;
        var display = url[(uri.Scheme.Length + 3)..].TrimEnd('/');
        using var generator = new QRCodeGenerator();
        // Medium error correction: survives a glare on the projector screen without making the code too dense.
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(10, "#000000", "#FFFFFF", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return new SurveyLink(url, display, svg);
    }
}
