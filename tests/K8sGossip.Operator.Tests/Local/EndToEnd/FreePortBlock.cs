using System.Net;
using System.Net.Sockets;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>A block of consecutive ports on 127.0.0.1 that are free now, away from 7050 and the ephemeral range.</summary>
internal static class FreePortBlock
{
    private static readonly Lock Gate = new();
    private static int _next = 21000 + (Environment.ProcessId % 50 * 200);

    public static int Find(int count)
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var basePort = _next;
                _next += count + 10;
                if (_next > 31000)
                {
                    _next = 21000;
                }

                if (Enumerable.Range(basePort, count).All(IsFree))
                {
                    return basePort;
                }
            }

            throw new InvalidOperationException($"No {count} consecutive free ports found on 127.0.0.1.");
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
