using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>From raw readings to a status: states, heights, lag and leaders, on the three-orgs network (trade: org1+org2 in gossip mode; audit: org2+org3 adaptive).</summary>
public sealed class StatusProjectionTests
{
    private readonly NetworkWorld _world = new(ExamplePlans.Local("three-orgs"));

    private NetworkStatus Observe() => new NetworkStatusTracker(_world.Plan).Apply(_world.Observe());

    private static PeerStatusView Peer(NetworkStatus status, string name) => status.Organizations.SelectMany(o => o.Peers).Single(p => p.Name == name);

    private static ChannelStatusView Channel(NetworkStatus status, string name) => status.Channels.Single(c => c.Name == name);

    [Fact]
    public void Peers_that_answer_are_alive_at_the_orderer_height_without_lag()
    {
        _world.OrdererHeights["trade"] = 12;
        _world.OrdererHeights["audit"] = 7;

        var status = Observe();

        Assert.Equal(PeerStates.Alive, status.OrdererState);
        Assert.Equal(12UL, status.OrdererHeight);
        Assert.All(status.Organizations.SelectMany(o => o.Peers), p =>
        {
            Assert.Equal(PeerStates.Alive, p.State);
            Assert.Equal(0UL, p.Lag);
        });
        Assert.Equal(12UL, Peer(status, "org1-0").Height);
        Assert.Equal(7UL, Peer(status, "org3-2").Height);
        Assert.Equal(12UL, Channel(status, "trade").OrdererHeight);
        Assert.Equal(7UL, Channel(status, "audit").OrdererHeight);
    }

    [Fact]
    public void Organizations_are_in_name_order_with_peers_by_ordinal_and_channels_in_plan_order()
    {
        var status = Observe();

        Assert.Equal(["org1", "org2", "org3"], status.Organizations.Select(o => o.Name));
        Assert.Equal(["Org1MSP", "Org2MSP", "Org3MSP"], status.Organizations.Select(o => o.MspId));
        Assert.Equal(["org2-0", "org2-1", "org2-2"], status.Organizations[1].Peers.Select(p => p.Name));
        Assert.Equal(_world.Plan.Channels.Select(c => c.Name), status.Channels.Select(c => c.Name));
        Assert.Equal("gossip", Channel(status, "trade").Mode);
        Assert.Equal("adaptive", Channel(status, "audit").Mode);
    }

    [Fact]
    public void A_peer_that_does_not_answer_is_dead_when_no_live_peer_suspects_it()
    {
        _world.Answering.Remove("org1-2");

        var status = Observe();

        Assert.Equal(PeerStates.Dead, Peer(status, "org1-2").State);
        Assert.Equal(PeerStates.Alive, Peer(status, "org1-1").State);
    }

    [Fact]
    public void A_peer_that_does_not_answer_is_suspect_when_a_live_peer_suspects_it()
    {
        var tracker = new NetworkStatusTracker(_world.Plan);
        tracker.Apply(_world.Observe());
        _world.Answering.Remove("org1-2");
        _world.Suspected.Add("org1-2");

        var status = tracker.Apply(_world.Observe());

        Assert.Equal(PeerStates.Suspect, Peer(status, "org1-2").State);
    }

    [Fact]
    public void A_peer_restarted_between_two_rounds_is_dead_until_its_new_process_answers_though_its_peers_only_suspect_it()
    {
        var tracker = new NetworkStatusTracker(_world.Plan);
        _world.Processes["org1-2"] = new NodeProcessInfo("org1-2", 100, true, 0, 50);
        tracker.Apply(_world.Observe());
        _world.Answering.Remove("org1-2");
        _world.Suspected.Add("org1-2");
        _world.Processes["org1-2"] = new NodeProcessInfo("org1-2", 101, true, 1, 50);

        var restarted = tracker.Apply(_world.Observe());
        var starting = tracker.Apply(_world.Observe());
        _world.Answering.Add("org1-2");
        _world.Suspected.Remove("org1-2");
        var back = tracker.Apply(_world.Observe());

        Assert.Equal(PeerStates.Dead, Peer(restarted, "org1-2").State);
        Assert.Equal(PeerStates.Dead, Peer(starting, "org1-2").State);
        Assert.Equal(PeerStates.Alive, Peer(back, "org1-2").State);
    }

    [Fact]
    public void A_peer_restarted_long_ago_that_stops_answering_is_suspect_again()
    {
        var tracker = new NetworkStatusTracker(_world.Plan);
        _world.Processes["org1-2"] = new NodeProcessInfo("org1-2", 101, true, 1, 50);
        tracker.Apply(_world.Observe());
        _world.Answering.Remove("org1-2");
        _world.Suspected.Add("org1-2");

        var status = tracker.Apply(_world.Observe());

        Assert.Equal(PeerStates.Suspect, Peer(status, "org1-2").State);
    }

    [Fact]
    public void A_peer_never_heard_from_is_recognized_as_suspect_by_its_endpoint()
    {
        _world.Answering.Remove("org2-1");
        _world.Suspected.Add("org2-1");
        _world.MembersByPkiId = false;

        var status = Observe();

        Assert.Equal(PeerStates.Suspect, Peer(status, "org2-1").State);
    }

    [Fact]
    public void A_peer_whose_process_is_not_running_is_dead_whatever_its_peers_say()
    {
        _world.Answering.Remove("org1-0");
        _world.Suspected.Add("org1-0");
        _world.Processes["org1-0"] = new NodeProcessInfo("org1-0", null, false, 1, null);
        _world.Processes["org1-1"] = new NodeProcessInfo("org1-1", null, false, 0, null);

        var status = Observe();

        Assert.Equal(PeerStates.Dead, Peer(status, "org1-0").State);
        Assert.Equal(PeerStates.Dead, Peer(status, "org1-1").State);
    }

    [Fact]
    public void Height_is_the_lowest_channel_height_and_lag_the_largest_gap_to_the_orderer()
    {
        _world.OrdererHeights["trade"] = 20;
        _world.OrdererHeights["audit"] = 15;
        _world.SetHeight("org2-0", "trade", 18);
        _world.SetHeight("org2-0", "audit", 10);

        var peer = Peer(Observe(), "org2-0");

        Assert.Equal(10UL, peer.Height);
        Assert.Equal(5UL, peer.Lag);
        Assert.Equal(18UL, peer.Channels["trade"]);
        Assert.Equal(10UL, peer.Channels["audit"]);
    }

    [Fact]
    public void A_peer_ahead_of_a_stale_orderer_reading_has_no_negative_lag()
    {
        _world.OrdererHeights["trade"] = 5;
        _world.SetHeight("org1-0", "trade", 9);

        Assert.Equal(0UL, Peer(Observe(), "org1-0").Lag);
    }

    [Fact]
    public void A_silent_peer_keeps_its_last_known_heights_and_its_lag_grows()
    {
        var tracker = new NetworkStatusTracker(_world.Plan);
        _world.OrdererHeights["trade"] = 10;
        tracker.Apply(_world.Observe());
        _world.Answering.Remove("org1-1");
        _world.OrdererHeights["trade"] = 14;

        var peer = Peer(tracker.Apply(_world.Observe()), "org1-1");

        Assert.Equal(PeerStates.Dead, peer.State);
        Assert.Equal(10UL, peer.Height);
        Assert.Equal(4UL, peer.Lag);
    }

    [Fact]
    public void A_silent_orderer_is_dead_and_keeps_its_last_heights()
    {
        var tracker = new NetworkStatusTracker(_world.Plan);
        _world.OrdererHeights["trade"] = 30;
        tracker.Apply(_world.Observe());
        _world.OrdererAnswers = false;

        var status = tracker.Apply(_world.Observe());

        Assert.Equal(PeerStates.Dead, status.OrdererState);
        Assert.Equal(30UL, status.OrdererHeight);
        Assert.Equal(30UL, Channel(status, "trade").OrdererHeight);
    }

    [Fact]
    public void An_orderer_process_that_is_not_running_is_dead()
    {
        _world.Processes[_world.Plan.Orderer!.Name] = new NodeProcessInfo(_world.Plan.Orderer.Name, null, false, 0, null);

        Assert.Equal(PeerStates.Dead, Observe().OrdererState);
    }

    [Fact]
    public void Leaders_are_reported_per_channel_and_organization_where_the_mode_elects_them()
    {
        _world.Leading.Add(("trade", "org1-1"));
        _world.Leading.Add(("trade", "org2-0"));
        _world.Leading.Add(("audit", "org3-0"));

        var status = Observe();

        var trade = Channel(status, "trade");
        Assert.Equal("org1-1", trade.Leaders["Org1MSP"]);
        Assert.Equal("org2-0", trade.Leaders["Org2MSP"]);
        Assert.Equal(2, trade.Leaders.Count);
        Assert.Empty(Channel(status, "audit").Leaders);
        Assert.Equal(["trade"], Peer(status, "org1-1").LeaderOf);
        Assert.Empty(Peer(status, "org3-0").LeaderOf);
        Assert.Empty(Peer(status, "org1-0").LeaderOf);
    }

    [Fact]
    public void Two_peers_claiming_leadership_show_the_lowest_ordinal_as_the_organization_leader()
    {
        _world.Leading.Add(("trade", "org1-2"));
        _world.Leading.Add(("trade", "org1-1"));

        var status = Observe();

        Assert.Equal("org1-1", Channel(status, "trade").Leaders["Org1MSP"]);
        Assert.Equal(["trade"], Peer(status, "org1-2").LeaderOf);
    }

    [Fact]
    public void A_peer_that_stopped_answering_leads_nothing()
    {
        var tracker = new NetworkStatusTracker(_world.Plan);
        _world.Leading.Add(("trade", "org1-0"));
        tracker.Apply(_world.Observe());
        _world.Answering.Remove("org1-0");

        var status = tracker.Apply(_world.Observe());

        Assert.Empty(Peer(status, "org1-0").LeaderOf);
        Assert.False(Channel(status, "trade").Leaders.ContainsKey("Org1MSP"));
    }

    [Fact]
    public void Process_information_gives_restarts_always_and_pid_and_memory_only_while_running()
    {
        _world.Processes["org1-0"] = new NodeProcessInfo("org1-0", 4242, true, 2, 81.5);
        _world.Processes["org1-1"] = new NodeProcessInfo("org1-1", 4243, false, 3, 90);

        var status = Observe();

        var running = Peer(status, "org1-0");
        Assert.Equal((4242, 81.5, 2), (running.Pid!.Value, running.MemoryMb!.Value, running.Restarts));
        var stopped = Peer(status, "org1-1");
        Assert.Null(stopped.Pid);
        Assert.Null(stopped.MemoryMb);
        Assert.Equal(3, stopped.Restarts);
        Assert.Null(Peer(status, "org1-2").Pid);
    }

    [Fact]
    public void A_network_not_yet_observed_has_every_node_dead_at_height_zero()
    {
        var status = NetworkStatusTracker.Unobserved(_world.Plan, ManualClock.Start);

        Assert.Equal(PeerStates.Dead, status.OrdererState);
        Assert.All(status.Organizations.SelectMany(o => o.Peers), p => Assert.Equal((PeerStates.Dead, 0UL), (p.State, p.Height)));
        Assert.Equal(9, status.Organizations.Sum(o => o.Peers.Count));
        Assert.Empty(status.Events);
    }
}
