using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Turns one round's raw readings into a <see cref="NetworkStatus"/>: pure, no I/O and no clock, so every rule about
/// states, heights, lag and leaders is tested on plain values.
/// </summary>
/// <remarks>
/// A node that does not answer keeps the heights it last reported (its ledger is still on disk), taken from
/// <c>previous</c>. Leaders count only in channels whose mode elects them for the organization.
/// </remarks>
internal static class StatusProjection
{
    /// <summary>Projects <paramref name="observation"/> onto the plan.</summary>
    /// <param name="plan">The network.</param>
    /// <param name="observation">This round's readings.</param>
    /// <param name="previous">The status of the previous round, for last-known heights and restarts; null on the first round.</param>
    /// <param name="identities">Recognizes planned peers in Membership replies.</param>
    /// <param name="latency">Latency of a channel by name; null when latency is not measured.</param>
    public static NetworkStatus Project(
        NetworkPlan plan,
        NetworkObservation observation,
        NetworkStatus? previous,
        PeerIdentityIndex identities,
        Func<string, LatencySummary>? latency)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(identities);

        var ordererHeights = OrdererHeights(plan, observation.Orderer, previous);
        var suspected = Suspected(observation, identities);
        var previousPeers = previous?.Organizations.SelectMany(o => o.Peers).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var organizations = plan.Organizations
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new OrganizationStatusView(
                o.Name,
                o.MspId,
                [.. o.Peers.OrderBy(p => p.Ordinal).Select(p => Peer(plan, o, p, observation, suspected, previousPeers?.GetValueOrDefault(p.Name), ordererHeights))]))
            .ToArray();
        var peers = organizations.SelectMany(o => o.Peers).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var channels = plan.Channels
            .Select(c => Channel(plan, c, ordererHeights, peers, latency))
            .ToArray();

        return new NetworkStatus(
            observation.At,
            plan.Channels.Select(c => ordererHeights.GetValueOrDefault(c.Name)).DefaultIfEmpty(0UL).Max(),
            OrdererState(plan, observation),
            channels,
            organizations,
            []);
    }

    private static Dictionary<string, ulong> OrdererHeights(NetworkPlan plan, OrdererReading orderer, NetworkStatus? previous)
    {
        var heights = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var channel in plan.Channels)
        {
            if (orderer.Answered)
            {
                heights[channel.Name] = orderer.Heights.GetValueOrDefault(channel.Name);
            }
            else
            {
                heights[channel.Name] = previous?.Channels.FirstOrDefault(c => c.Name == channel.Name)?.OrdererHeight ?? 0;
            }
        }

        return heights;
    }

    private static string OrdererState(NetworkPlan plan, NetworkObservation observation)
    {
        var name = plan.Orderer?.Name ?? "orderer";
        if (observation.Processes.TryGetValue(name, out var process) && !process.Running)
        {
            return PeerStates.Dead;
        }

        return observation.Orderer.Answered ? PeerStates.Alive : PeerStates.Dead;
    }

    /// <summary>The peers that some answering peer's Membership reports as suspect.</summary>
    private static HashSet<string> Suspected(NetworkObservation observation, PeerIdentityIndex identities)
    {
        var suspected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reading in observation.Peers.Values.Where(r => r.Answered))
        {
            foreach (var member in reading.Members.Where(m => m.State == PeerStates.Suspect))
            {
                if (identities.NameOf(member) is { } name)
                {
                    suspected.Add(name);
                }
            }
        }

        return suspected;
    }

    private static PeerStatusView Peer(
        NetworkPlan plan,
        OrganizationPlan organization,
        PeerPlan peer,
        NetworkObservation observation,
        HashSet<string> suspected,
        PeerStatusView? previous,
        Dictionary<string, ulong> ordererHeights)
    {
        var reading = observation.Peers.GetValueOrDefault(peer.Name) ?? PeerReading.Silent;
        var process = observation.Processes.GetValueOrDefault(peer.Name);
        var state = process is { Running: false } ? PeerStates.Dead
            : reading.Answered ? PeerStates.Alive
            : Restarting(process, previous) ? PeerStates.Dead
            : suspected.Contains(peer.Name) ? PeerStates.Suspect
            : PeerStates.Dead;

        var heights = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var channel in organization.Channels)
        {
            heights[channel] = previous?.Channels.GetValueOrDefault(channel) ?? 0;
        }

        var leaderOf = new List<string>();
        if (reading.Answered)
        {
            foreach (var channel in reading.Channels)
            {
                heights[channel.Channel] = channel.Height;
                if (channel.Leader && ElectsLeader(plan, channel.Channel, organization.Name))
                {
                    leaderOf.Add(channel.Channel);
                }
            }
        }

        var height = heights.Count == 0 ? 0 : heights.Values.Min();
        var lag = heights.Count == 0 ? 0 : heights.Max(h => ordererHeights.TryGetValue(h.Key, out var top) && top > h.Value ? top - h.Value : 0);
        var running = process is { Running: true };
        return new PeerStatusView(
            peer.Name,
            state,
            height,
            lag,
            [.. plan.Channels.Select(c => c.Name).Where(leaderOf.Contains)],
            heights,
            process?.Restarts ?? 0,
            running ? process!.Pid : null,
            running ? process!.MemoryMb : null);
    }

    /// <summary>A grown restart count shows the peer died even when no round caught its process stopped (a supervisor
    /// restarts within a second); until the new process answers it is dead, not merely suspected by its peers.</summary>
    private static bool Restarting(NodeProcessInfo? process, PeerStatusView? previous) =>
        process is { Restarts: > 0 } && previous is not null
        && (process.Restarts > previous.Restarts || previous.State == PeerStates.Dead);

    private static bool ElectsLeader(NetworkPlan plan, string channel, string organization) =>
        plan.Channels.FirstOrDefault(c => c.Name == channel)?.Members.Any(m => m.Organization == organization && m.ElectsLeader) ?? false;

    private static ChannelStatusView Channel(
        NetworkPlan plan,
        ChannelPlan channel,
        Dictionary<string, ulong> ordererHeights,
        Dictionary<string, PeerStatusView> peers,
        Func<string, LatencySummary>? latency)
    {
        var leaders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in channel.Members.Where(m => m.ElectsLeader))
        {
            var organization = plan.Organizations.FirstOrDefault(o => o.Name == member.Organization);

            // Two peers may both claim leadership for a moment while a new leader takes over; the lowest ordinal is shown.
            var leader = organization?.Peers
                .OrderBy(p => p.Ordinal)
                .Select(p => peers[p.Name])
                .FirstOrDefault(p => p.State == PeerStates.Alive && p.LeaderOf.Contains(channel.Name));
            if (leader is not null)
            {
                leaders[member.MspId] = leader.Name;
            }
        }

        var summary = latency?.Invoke(channel.Name) ?? LatencySummary.Empty;
        return new ChannelStatusView(
            channel.Name,
            channel.Mode.Name(),
            ordererHeights.GetValueOrDefault(channel.Name),
            leaders,
            summary.P50Ms,
            summary.P99Ms,
            summary.History);
    }
}
