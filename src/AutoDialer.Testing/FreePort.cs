using System.Net;
using System.Net.Sockets;

namespace AutoDialer.Testing;

/// <summary>A loopback port nobody listens on, for a child process or a relay to listen on next.</summary>
public static class FreePort
{
    /// <summary>A port the system just gave out and took back: free now, unless something else binds it before the caller does.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
