using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>Hand-made statuses covering every field: alive, suspect and dead peers, a leader, latency and events.</summary>
internal static class SampleStatuses
{
    public static NetworkStatus TwoOrganizations()
    {
        var at = ManualClock.Start;
        var trade = new ChannelStatusView(
            "trade",
            "gossip",
            42,
            new Dictionary<string, string> { ["Org1MSP"] = "org1-0", ["Org2MSP"] = "org2-1" },
            12.5,
            40.25,
            [new LatencyPoint(at - TimeSpan.FromSeconds(1), 11, 38), new LatencyPoint(at, 12.5, 40.25)]);
        var audit = new ChannelStatusView("audit", "adaptive", 40, new Dictionary<string, string>(), null, null, []);
        var org1 = new OrganizationStatusView("org1", "Org1MSP",
        [
            new PeerStatusView("org1-0", PeerStates.Alive, 42, 0, ["trade"], new Dictionary<string, ulong> { ["trade"] = 42 }, 0, 1201, 85.4),
            new PeerStatusView("org1-1", PeerStates.Suspect, 39, 3, [], new Dictionary<string, ulong> { ["trade"] = 39 }, 0, 1202, 80),
            new PeerStatusView("org1-2", PeerStates.Dead, 30, 12, [], new Dictionary<string, ulong> { ["trade"] = 30 }, 2, null, null),
        ]);
        var org2 = new OrganizationStatusView("org2", "Org2MSP",
        [
            new PeerStatusView("org2-0", PeerStates.Alive, 40, 0, [], new Dictionary<string, ulong> { ["audit"] = 40, ["trade"] = 42 }, 0, 1301, 90),
            new PeerStatusView("org2-1", PeerStates.Alive, 40, 0, ["trade"], new Dictionary<string, ulong> { ["audit"] = 40, ["trade"] = 42 }, 1, 1302, 91.6),
        ]);
        NetworkEvent[] events =
        [
            new(at - TimeSpan.FromSeconds(9), NetworkEventKinds.Join, "org1-0", "org1-0 joined at height 0"),
            new(at - TimeSpan.FromSeconds(5), NetworkEventKinds.Dead, "org1-2", "org1-2 is dead"),
            new(at - TimeSpan.FromSeconds(1), NetworkEventKinds.Leader, "org2-1", "org2-1 leads trade for Org2MSP (was org2-0)"),
        ];
        return new NetworkStatus(at, 42, PeerStates.Alive, [trade, audit], [org1, org2], events);
    }
}
