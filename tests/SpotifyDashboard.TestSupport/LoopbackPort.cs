using System.Net;
using System.Net.Sockets;

namespace SpotifyDashboard.TestSupport;

/// <summary>A loopback port nobody listens on right now, for a server a test starts itself.</summary>
public static class LoopbackPort
{
    // The OS hands out a free port for port 0; the server binds it a moment later, a small race that tests can accept.
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
