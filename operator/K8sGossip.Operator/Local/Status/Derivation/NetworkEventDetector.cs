using System.Globalization;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Finds what happened between two successive statuses: joins, deaths, suspicions, recoveries, restarts and leader
/// changes. Pure: the caller keeps the set of nodes ever seen alive.
/// </summary>
/// <remarks>
/// A node never seen alive produces no dead or suspect event: while a network starts, every peer is down until its
/// first answer, and reporting that would drown the events that matter.
/// </remarks>
internal static class NetworkEventDetector
{
    /// <summary>The events between <paramref name="previous"/> (null on the first round) and <paramref name="current"/>, in a stable order.</summary>
    /// <param name="previous">The previous status.</param>
    /// <param name="current">The new status.</param>
    /// <param name="seenAlive">Nodes ever seen alive; updated with the nodes alive in <paramref name="current"/>.</param>
    /// <param name="ordererName">The orderer's node name.</param>
    public static IReadOnlyList<NetworkEvent> Detect(NetworkStatus? previous, NetworkStatus current, ISet<string> seenAlive, string ordererName)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(seenAlive);
        var events = new List<NetworkEvent>();
        var at = current.At;

        StateChange(events, at, ordererName, previous?.OrdererState, current.OrdererState, seenAlive, $"at height {current.OrdererHeight}");

        var previousPeers = previous?.Organizations.SelectMany(o => o.Peers).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var peer in current.Organizations.SelectMany(o => o.Peers))
        {
            var before = previousPeers?.GetValueOrDefault(peer.Name);
            StateChange(events, at, peer.Name, before?.State, peer.State, seenAlive, $"at height {peer.Height}");
            if (before is not null && peer.Restarts > before.Restarts)
            {
                events.Add(new NetworkEvent(at, NetworkEventKinds.Restart, peer.Name, Invariant($"{peer.Name} was restarted (restart {peer.Restarts})")));
            }
        }

        var previousChannels = previous?.Channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var channel in current.Channels)
        {
            var before = previousChannels?.GetValueOrDefault(channel.Name);
            foreach (var (mspId, leader) in channel.Leaders.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                var was = before?.Leaders.GetValueOrDefault(mspId);
                if (leader != was)
                {
                    var message = was is null
                        ? $"{leader} leads {channel.Name} for {mspId}"
                        : $"{leader} leads {channel.Name} for {mspId} (was {was})";
                    events.Add(new NetworkEvent(at, NetworkEventKinds.Leader, leader, message));
                }
            }
        }

        return events;
    }

    private static void StateChange(List<NetworkEvent> events, DateTimeOffset at, string name, string? before, string now, ISet<string> seenAlive, string where)
    {
        if (now == PeerStates.Alive)
        {
            if (seenAlive.Add(name))
            {
                events.Add(new NetworkEvent(at, NetworkEventKinds.Join, name, $"{name} joined {where}"));
            }
            else if (before is not null && before != PeerStates.Alive)
            {
                events.Add(new NetworkEvent(at, NetworkEventKinds.Alive, name, $"{name} is alive again {where}"));
            }

            return;
        }

        if (!seenAlive.Contains(name) || before == now)
        {
            return;
        }

        events.Add(now == PeerStates.Suspect
            ? new NetworkEvent(at, NetworkEventKinds.Suspect, name, $"{name} does not answer and its peers suspect it")
            : new NetworkEvent(at, NetworkEventKinds.Dead, name, $"{name} is dead"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
