using System.Net;
using System.Net.Sockets;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>Picks ports on 127.0.0.1 that are free now and were not handed out before in this process.</summary>
internal static class FreePorts
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20000, 40000);
                if (Handed.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Handed.Add(port);
                return port;
            }

            throw new InvalidOperationException("No free port found on 127.0.0.1.");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
