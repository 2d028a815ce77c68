using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>Events from successive observations, in virtual time.</summary>
public sealed class NetworkEventTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly NetworkWorld _world = new(ExamplePlans.Local("three-orgs"));
    private readonly NetworkStatusTracker _tracker;

    public NetworkEventTests() => _tracker = new NetworkStatusTracker(_world.Plan);

    private NetworkStatus Round()
    {
        var status = _tracker.Apply(_world.Observe());
        _world.Clock.Advance(Second);
        return status;
    }

    /// <summary>The events a round added.</summary>
    private List<NetworkEvent> NewEvents()
    {
        var before = _tracker.Latest?.Events.Count ?? 0;
        var after = Round().Events;
        return [.. after.Skip(before)];
    }

    [Fact]
    public void The_first_answer_of_each_node_is_a_join_event()
    {
        var events = NewEvents();

        Assert.Equal(10, events.Count(e => e.Kind == NetworkEventKinds.Join));
        Assert.Contains(events, e => e.Subject == "orderer" && e.Kind == NetworkEventKinds.Join);
        var join = Assert.Single(events, e => e.Subject == "org2-1");
        Assert.Equal(ManualClock.Start, join.At);
        Assert.Equal("org2-1 joined at height 10", join.Message);
    }

    [Fact]
    public void A_steady_network_produces_no_further_events()
    {
        Round();

        Assert.Empty(NewEvents());
        Assert.Empty(NewEvents());
    }

    [Fact]
    public void A_peer_never_seen_alive_produces_no_dead_event()
    {
        _world.Answering.Remove("org3-1");

        var first = NewEvents();
        var second = NewEvents();

        Assert.DoesNotContain(first.Concat(second), e => e.Subject == "org3-1");
    }

    [Fact]
    public void A_peer_that_stops_answering_is_reported_dead_then_alive_again()
    {
        Round();
        _world.Answering.Remove("org1-0");
        var died = NewEvents();
        var still = NewEvents();
        _world.Answering.Add("org1-0");
        var back = NewEvents();

        var dead = Assert.Single(died);
        Assert.Equal((NetworkEventKinds.Dead, "org1-0", "org1-0 is dead"), (dead.Kind, dead.Subject, dead.Message));
        Assert.Empty(still);
        var alive = Assert.Single(back);
        Assert.Equal((NetworkEventKinds.Alive, "org1-0"), (alive.Kind, alive.Subject));
        Assert.Equal(ManualClock.Start + (3 * Second), alive.At);
    }

    [Fact]
    public void A_suspected_peer_is_reported_suspect_and_then_dead_once_its_peers_agree()
    {
        Round();
        _world.Answering.Remove("org2-2");
        _world.Suspected.Add("org2-2");
        var suspected = NewEvents();
        _world.Suspected.Remove("org2-2");
        var dead = NewEvents();

        Assert.Equal(NetworkEventKinds.Suspect, Assert.Single(suspected).Kind);
        Assert.Equal(NetworkEventKinds.Dead, Assert.Single(dead).Kind);
    }

    [Fact]
    public void A_grown_restart_count_is_a_restart_event()
    {
        _world.Processes["org3-0"] = new NodeProcessInfo("org3-0", 100, true, 0, 50);
        Round();
        _world.Processes["org3-0"] = new NodeProcessInfo("org3-0", 101, true, 1, 50);

        var restart = Assert.Single(NewEvents());

        Assert.Equal((NetworkEventKinds.Restart, "org3-0", "org3-0 was restarted (restart 1)"), (restart.Kind, restart.Subject, restart.Message));
    }

    [Fact]
    public void A_new_leader_is_an_event_naming_the_previous_leader()
    {
        _world.Leading.Add(("trade", "org1-0"));
        var first = NewEvents();
        _world.Leading.Remove(("trade", "org1-0"));
        _world.Leading.Add(("trade", "org1-2"));
        var change = NewEvents();

        var elected = Assert.Single(first, e => e.Kind == NetworkEventKinds.Leader);
        Assert.Equal("org1-0 leads trade for Org1MSP", elected.Message);
        var changed = Assert.Single(change);
        Assert.Equal((NetworkEventKinds.Leader, "org1-2", "org1-2 leads trade for Org1MSP (was org1-0)"), (changed.Kind, changed.Subject, changed.Message));
    }

    [Fact]
    public void Losing_a_leader_without_a_successor_is_no_leader_event()
    {
        _world.Leading.Add(("trade", "org2-0"));
        Round();
        _world.Leading.Clear();

        Assert.Empty(NewEvents());
    }

    [Fact]
    public void The_orderer_going_down_and_coming_back_are_events()
    {
        Round();
        _world.OrdererAnswers = false;
        var down = NewEvents();
        _world.OrdererAnswers = true;
        var up = NewEvents();

        Assert.Equal((NetworkEventKinds.Dead, "orderer"), (Assert.Single(down).Kind, down[0].Subject));
        Assert.Equal((NetworkEventKinds.Alive, "orderer"), (Assert.Single(up).Kind, up[0].Subject));
    }

    [Fact]
    public void Events_keep_only_the_most_recent_hundred_oldest_first()
    {
        Round();
        for (var i = 0; i < 60; i++)
        {
            _world.Answering.Remove("org1-1");
            Round();
            _world.Answering.Add("org1-1");
            Round();
        }

        var events = _tracker.Latest!.Events;

        Assert.Equal(NetworkEventLog.DefaultCapacity, events.Count);
        Assert.Equal(NetworkEventKinds.Alive, events[^1].Kind);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.DoesNotContain(events, e => e.Kind == NetworkEventKinds.Join);
    }

    [Fact]
    public void Events_within_a_round_come_in_a_stable_order_orderer_peers_then_leaders()
    {
        _world.Leading.Add(("trade", "org2-1"));
        var events = NewEvents();

        Assert.Equal("orderer", events[0].Subject);
        Assert.Equal(NetworkEventKinds.Leader, events[^1].Kind);
        Assert.Equal(
            _world.Plan.Organizations.OrderBy(o => o.Name, StringComparer.Ordinal).SelectMany(o => o.Peers.Select(p => p.Name)),
            events.Where(e => e.Kind == NetworkEventKinds.Join && e.Subject != "orderer").Select(e => e.Subject));
    }
}
