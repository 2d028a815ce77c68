using K8sGossip.Operator.Local.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>
/// The observer's I/O against in-process fakes that obey the real contracts (peer local API over h2c gRPC, orderer admin
/// <c>/status</c> over HTTP/1.1) on 127.0.0.1, with the real clock and bounded waits.
/// </summary>
public sealed class NetworkObserverTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static PeerStatusView Peer(NetworkStatus status, string name) => status.Organizations.SelectMany(o => o.Peers).Single(p => p.Name == name);

    private static NetworkObserver Observer(FakeNetwork network) =>
        new(network.Plan, network.Processes, TimeProvider.System, NullLoggerFactory.Instance);

    [Fact]
    public async Task Observing_once_reads_heights_leaders_and_suspicions_from_the_local_apis_and_the_orderer()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0", "acme-1"]);
        network.Orderer!.Body = FakeOrdererAdmin.Json(6);
        var silent = network.Plan.Peers.Single(p => p.Name == "acme-2").InternalEndpoint.ToString();
        network.Peers["acme-0"].Update(p =>
        {
            p.Heights[FakeNetwork.Channel] = 5;
            p.Leading.Add(FakeNetwork.Channel);
            p.Members.Add((NetworkWorld.PkiIdOf("acme-2"), silent, "suspect"));
        });
        network.Peers["acme-1"].Update(p => p.Heights[FakeNetwork.Channel] = 4);
        network.Processes.Nodes["acme-0"] = new NodeProcessInfo("acme-0", 321, true, 0, 64);

        var status = await NetworkObserver.ObserveOnceAsync(network.Plan, network.Processes, TimeProvider.System, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal((6UL, PeerStates.Alive), (status.OrdererHeight, status.OrdererState));
        var leader = Peer(status, "acme-0");
        Assert.Equal((PeerStates.Alive, 5UL, 1UL, 321, 64.0), (leader.State, leader.Height, leader.Lag, leader.Pid!.Value, leader.MemoryMb!.Value));
        Assert.Equal([FakeNetwork.Channel], leader.LeaderOf);
        var follower = Peer(status, "acme-1");
        Assert.Equal((PeerStates.Alive, 4UL, 2UL), (follower.State, follower.Height, follower.Lag));
        Assert.Equal(PeerStates.Suspect, Peer(status, "acme-2").State);
        var channel = Assert.Single(status.Channels);
        Assert.Equal("acme-0", channel.Leaders["AcmeMSP"]);
        Assert.Null(channel.LatencyP50Ms);
        Assert.Empty(status.Events);
    }

    [Fact]
    public async Task A_hung_peer_and_an_absent_orderer_do_not_stall_a_round_and_count_as_dead()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0", "acme-1"], ordererAnswers: false);
        network.Peers["acme-0"].Hangs = true;

        var status = await NetworkObserver.ObserveOnceAsync(network.Plan, network.Processes, TimeProvider.System, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(PeerStates.Dead, status.OrdererState);
        Assert.Equal(PeerStates.Dead, Peer(status, "acme-0").State);
        Assert.Equal(PeerStates.Alive, Peer(status, "acme-1").State);
        Assert.Equal(PeerStates.Dead, Peer(status, "acme-2").State);
    }

    [Fact]
    public async Task The_observer_measures_latency_of_blocks_cut_while_streaming_not_of_backlog_and_reports_joins()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0", "acme-1", "acme-2"]);
        await using var observer = Observer(network);
        var updates = 0;
        observer.Updated += _ => Interlocked.Increment(ref updates);

        await observer.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => network.Peers.Values.All(p => p.Subscriptions >= 1), "every peer has a block stream", Bound);

        // A block cut long before the streams began is backlog a peer catches up on, not dissemination: not counted.
        // Blocks cut 250 ms ago, once the streams are older than that, are.
        var subscribed = DateTimeOffset.UtcNow;
        foreach (var peer in network.Peers.Values)
        {
            peer.Commit(FakeNetwork.Channel, subscribed - TimeSpan.FromMinutes(1));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        foreach (var peer in network.Peers.Values)
        {
            peer.Commit(FakeNetwork.Channel, DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(250));
        }

        await Eventually.HoldsAsync(() => observer.Current.Channels[0].LatencyP50Ms is not null, "latency is measured", Bound);

        var channel = observer.Current.Channels[0];
        Assert.InRange(channel.LatencyP50Ms!.Value, 250, TimeSpan.FromMinutes(1).TotalMilliseconds - 1);
        Assert.InRange(channel.LatencyP99Ms!.Value, 250, TimeSpan.FromMinutes(1).TotalMilliseconds - 1);
        Assert.InRange(channel.LatencyP99Ms!.Value, channel.LatencyP50Ms.Value, double.MaxValue);
        Assert.NotEmpty(channel.LatencyHistory);
        var joined = observer.Current.Events.Where(e => e.Kind == NetworkEventKinds.Join).Select(e => e.Subject).Order();
        Assert.Equal(["acme-0", "acme-1", "acme-2", "orderer"], joined);
        Assert.True(Volatile.Read(ref updates) >= 1);
    }

    [Fact]
    public async Task A_stopped_peer_turns_dead_and_comes_back_with_a_restart_event_and_a_new_block_stream()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0", "acme-1", "acme-2"]);
        network.Processes.Nodes["acme-1"] = new NodeProcessInfo("acme-1", 10, true, 0, 50);
        await using var observer = Observer(network);
        await observer.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => network.Peers["acme-1"].Subscriptions >= 1, "acme-1 has a block stream", Bound);

        await network.StopAsync("acme-1");
        network.Processes.Nodes["acme-1"] = new NodeProcessInfo("acme-1", null, false, 0, null);
        await Eventually.HoldsAsync(() => Peer(observer.Current, "acme-1").State == PeerStates.Dead, "acme-1 is dead", Bound);

        var restarted = await network.RestartAsync("acme-1");
        network.Processes.Nodes["acme-1"] = new NodeProcessInfo("acme-1", 11, true, 1, 50);
        await Eventually.HoldsAsync(() => Peer(observer.Current, "acme-1").State == PeerStates.Alive, "acme-1 is alive again", Bound);
        await Eventually.HoldsAsync(() => restarted.Subscriptions >= 1, "the restarted acme-1 has a new block stream", Bound);
        restarted.Commit(FakeNetwork.Channel, DateTimeOffset.UtcNow);
        await Eventually.HoldsAsync(() => observer.Current.Channels[0].LatencyP50Ms is not null, "the new stream delivers latency", Bound);

        var kinds = observer.Current.Events.Where(e => e.Subject == "acme-1").Select(e => e.Kind).ToArray();
        Assert.Equal([NetworkEventKinds.Join, NetworkEventKinds.Dead], kinds[..2]);
        Assert.Contains(NetworkEventKinds.Restart, kinds);
        Assert.Contains(NetworkEventKinds.Alive, kinds);
        Assert.Equal(1, Peer(observer.Current, "acme-1").Restarts);
    }

    [Fact]
    public async Task An_orderer_answering_nonsense_counts_as_dead_and_the_loop_goes_on_until_it_answers()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0"]);
        network.Orderer!.Body = "{not json";
        await using var observer = Observer(network);

        await observer.StartAsync(CancellationToken.None);
        Assert.Equal(PeerStates.Dead, observer.Current.OrdererState);
        network.Orderer.Body = FakeOrdererAdmin.Json(3, role: "peer");
        await Eventually.HoldsAsync(() => observer.Counters.MalformedReplies >= 2, "both bad replies are counted", Bound);
        Assert.Equal(PeerStates.Dead, observer.Current.OrdererState);
        network.Orderer.Body = FakeOrdererAdmin.Json(3);

        await Eventually.HoldsAsync(() => observer.Current.OrdererState == PeerStates.Alive, "the orderer answers", Bound);
        Assert.Equal(3UL, observer.Current.OrdererHeight);
        Assert.Equal(PeerStates.Alive, Peer(observer.Current, "acme-0").State);
    }

    [Fact]
    public async Task A_subscriber_that_throws_is_counted_and_does_not_stop_the_updates()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0"]);
        await using var observer = Observer(network);
        var updates = 0;
        observer.Updated += _ => throw new InvalidOperationException("broken subscriber");
        observer.Updated += _ => Interlocked.Increment(ref updates);

        await observer.StartAsync(CancellationToken.None);

        await Eventually.HoldsAsync(() => Volatile.Read(ref updates) >= 3, "three updates arrive", Bound);
        Assert.True(observer.Counters.RoundFailures >= 3);
    }

    [Fact]
    public async Task Disposing_the_observer_ends_its_block_streams()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0"]);
        var observer = Observer(network);
        await observer.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => network.Peers["acme-0"].OpenStreams == 1, "a block stream is open", Bound);

        await observer.DisposeAsync();

        Assert.Equal(0, observer.RunningStreams);
        await Eventually.HoldsAsync(() => network.Peers["acme-0"].OpenStreams == 0, "the peer sees the stream end", Bound);
    }

    [Fact]
    public async Task A_peer_that_stays_down_is_logged_once_but_counted_every_round()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0", "acme-1"]);
        var loggers = new CollectingLoggers();
        await using var observer = new NetworkObserver(network.Plan, network.Processes, TimeProvider.System, loggers);
        var rounds = 0;
        observer.Updated += _ => Interlocked.Increment(ref rounds);

        await observer.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => Volatile.Read(ref rounds) >= 3, "three rounds", Bound);

        var about = loggers.Lines.Where(l => l.Message.Contains("acme-2", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(about);
        Assert.Contains("does not answer on its local API", line.Message, StringComparison.Ordinal);
        Assert.Contains("Unavailable", line.Message, StringComparison.Ordinal);
        Assert.True(observer.Counters.PeerFailures >= 3);
    }

    [Fact]
    public async Task Starting_twice_is_refused()
    {
        await using var network = await FakeNetwork.StartAsync(["acme-0"]);
        await using var observer = Observer(network);
        await observer.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => observer.StartAsync(CancellationToken.None));
    }
}
