namespace K8sGossip.Operator.Local.Status;

/// <summary>One observation of a local network: what the terminal view, the dashboard and <c>status --output json</c> show.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="OrdererHeight">The highest height the orderer reached over all channels.</param>
/// <param name="OrdererState">alive or dead: whether the orderer answered.</param>
/// <param name="Channels">Per channel: the orderer's height, leaders and dissemination latency.</param>
/// <param name="Organizations">Organizations in name order, each with its peers by ordinal.</param>
/// <param name="Events">The most recent events (joins, deaths, restarts, leader changes), oldest first.</param>
public sealed record NetworkStatus(
    DateTimeOffset At,
    ulong OrdererHeight,
    string OrdererState,
    IReadOnlyList<ChannelStatusView> Channels,
    IReadOnlyList<OrganizationStatusView> Organizations,
    IReadOnlyList<NetworkEvent> Events);

/// <summary>A channel as the network sees it.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Mode">gossip, direct or adaptive.</param>
/// <param name="OrdererHeight">The orderer's height of this channel.</param>
/// <param name="Leaders">The leading peer's name per organization (MSP ID to peer name); empty in modes without leaders.</param>
/// <param name="LatencyP50Ms">Median time from the orderer cutting a block to a peer committing it, over the recent window; null before any block.</param>
/// <param name="LatencyP99Ms">The 99th percentile of the same.</param>
/// <param name="LatencyHistory">Recent (time, p50, p99) points for the dashboard's chart, oldest first.</param>
public sealed record ChannelStatusView(
    string Name,
    string Mode,
    ulong OrdererHeight,
    IReadOnlyDictionary<string, string> Leaders,
    double? LatencyP50Ms,
    double? LatencyP99Ms,
    IReadOnlyList<LatencyPoint> LatencyHistory);

/// <summary>A point of a channel's latency chart.</summary>
public sealed record LatencyPoint(DateTimeOffset At, double P50Ms, double P99Ms);

/// <summary>An organization and its peers.</summary>
public sealed record OrganizationStatusView(string Name, string MspId, IReadOnlyList<PeerStatusView> Peers);

/// <summary>One peer.</summary>
/// <param name="Name">The peer's name (<c>org1-0</c>).</param>
/// <param name="State">alive, suspect or dead.</param>
/// <param name="Height">The lowest of its channel heights (what it has of every channel it serves).</param>
/// <param name="Lag">The largest of (orderer height − its height) over its channels.</param>
/// <param name="LeaderOf">The channels it leads for its organization.</param>
/// <param name="Channels">Its height per channel.</param>
/// <param name="Restarts">How many times the local network restarted its process.</param>
/// <param name="Pid">Its process id while running.</param>
/// <param name="MemoryMb">Its resident memory while running.</param>
public sealed record PeerStatusView(
    string Name,
    string State,
    ulong Height,
    ulong Lag,
    IReadOnlyList<string> LeaderOf,
    IReadOnlyDictionary<string, ulong> Channels,
    int Restarts,
    int? Pid,
    double? MemoryMb);

/// <summary>Something that happened in the network.</summary>
/// <param name="At">When it was observed.</param>
/// <param name="Kind">join, dead, suspect, alive, restart, crash, leader.</param>
/// <param name="Subject">The peer (or channel) concerned.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record NetworkEvent(DateTimeOffset At, string Kind, string Subject, string Message);

/// <summary>Peer states as the network reports them.</summary>
public static class PeerStates
{
    /// <summary>The peer answers.</summary>
    public const string Alive = "alive";

    /// <summary>The peer does not answer and its peers suspect it.</summary>
    public const string Suspect = "suspect";

    /// <summary>The peer is down.</summary>
    public const string Dead = "dead";
}
