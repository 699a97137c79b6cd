using System.Net.Sockets;
using System.Text;

namespace SpotifyDashboard.CacheHost;

/// <summary>
/// Sends one argument-less command (PING, SAVE) to the local Garnet over plain RESP and returns its
/// first reply line. Enough for a health probe and a checkpoint, without a client library.
/// </summary>
public static class GarnetCommand
{
    public static async Task<string> SendAsync(int port, string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"*1\r\n${command.Length}\r\n{command}\r\n"), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd('\r', '\n');
    }
}
