using System.Net.Sockets;
using System.Text;

namespace SpotifyDashboard.CacheHost;

/// <summary>
/// Sends one argument-less command (PING, SAVE) to the local Garnet over plain RESP, after AUTH when
/// there is a password, and returns the command's reply line. Enough for a health probe and a
/// checkpoint, without a client library.
/// </summary>
public static class GarnetCommand
{
    public static async Task<string> SendAsync(int port, string command, string? password, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!string.IsNullOrEmpty(password))
        {
            await stream.WriteAsync(Resp("AUTH", password), cancellationToken);
            var auth = await reader.ReadLineAsync(cancellationToken) ?? "";
            if (!auth.StartsWith("+OK", StringComparison.Ordinal))
            {
                // Garnet's own words, which never repeat the password.
                return auth;
            }
        }

        await stream.WriteAsync(Resp(command), cancellationToken);
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }

    private static byte[] Resp(params string[] parts)
    {
        var text = new StringBuilder($"*{parts.Length}\r\n");
        foreach (var part in parts)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
