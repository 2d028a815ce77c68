using System.Net;
using System.Net.Sockets;

namespace K8sGossip.Testing.Processes;

/// <summary>Picks ports on 127.0.0.1 that are free now and not handed out before, below Linux's ephemeral range
/// (32768–60999) so an outgoing connection of another test cannot take a port between the check and the bind.</summary>
internal static class FreePorts
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Handed = [];

    /// <summary>A free port.</summary>
    public static int Port() => Next();

    private static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20000, 32000);
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
