using System.Net;
using System.Net.Sockets;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Cli;

/// <summary>Checks before starting that every port a plan needs is free on 127.0.0.1, so a clash is one clear error instead of crash-looping nodes.</summary>
internal static class PortAvailability
{
    /// <summary>The endpoints of <paramref name="plan"/> that something else listens on now.</summary>
    public static IReadOnlyList<(string Node, Endpoint Endpoint)> Taken(NetworkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wanted = new List<(string, Endpoint)>();
        if (plan.Orderer is { } orderer)
        {
            wanted.Add((orderer.Name, orderer.Endpoint));
            wanted.Add((orderer.Name, orderer.AdminEndpoint));
        }

        foreach (var peer in plan.Peers)
        {
            wanted.Add((peer.Name, peer.InternalEndpoint));
            wanted.Add((peer.Name, peer.AdminEndpoint));
            wanted.Add((peer.Name, peer.LocalApiEndpoint));
        }

        return [.. wanted.Where(w => !IsFree(w.Item2.Port))];
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
