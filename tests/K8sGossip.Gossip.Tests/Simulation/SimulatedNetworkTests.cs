using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Simulation;

public sealed class SimulatedNetworkTests
{
    private readonly VirtualTimeProvider _time = new();

    private (ITransportConnection Client, FrameSink ClientSink, List<(ITransportConnection Conn, FrameSink Sink)> Server) Connect(SimulatedNetwork network, string from, string to)
    {
        var accepted = new List<(ITransportConnection, FrameSink)>();
        var server = network.CreateTransport(to);
        server.Start(c =>
        {
            var sink = new FrameSink();
            accepted.Add((c, sink));
            c.Start(sink);
        });
        var client = network.CreateTransport(from).Connect(to);
        var clientSink = new FrameSink();
        client.Start(clientSink);
        Assert.True(_time.RunUntil(() => clientSink.Opened, TimeSpan.FromSeconds(1)));
        return (client, clientSink, accepted);
    }

    [Fact]
    public void A_connection_delivers_copies_in_order_after_the_link_delay_and_counts_traffic()
    {
        var network = new SimulatedNetwork(_time, seed: 1, new LinkOptions(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5)));
        var (client, clientSink, server) = Connect(network, "a:1", "b:1");
        Assert.True(clientSink.Opened);
        var buffer = new byte[] { 1 };

        for (byte i = 0; i < 50; i++)
        {
            buffer[0] = i;
            Assert.True(client.TrySend(buffer));
        }

        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Empty(server[0].Sink.Frames);
        _time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), server[0].Sink.Frames.Select(f => f[0]));
        Assert.Equal(new NodeNetworkStats(50, 50, 0, 0, 0), network.GetStats("a:1"));
        Assert.Equal(50, network.GetStats("b:1").BytesReceived);
        Assert.Equal(client.RemoteTlsCertificateHash.ToArray(), server[0].Conn.LocalTlsCertificateHash.ToArray());
        Assert.Equal(client.LocalTlsCertificateHash.ToArray(), server[0].Conn.RemoteTlsCertificateHash.ToArray());
    }

    [Fact]
    public void Reordering_lets_frames_overtake_when_enabled()
    {
        var network = new SimulatedNetwork(_time, seed: 2, new LinkOptions(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20), Reorder: true));
        var (client, _, server) = Connect(network, "a:1", "b:1");

        for (byte i = 0; i < 50; i++)
        {
            client.TrySend(new[] { i });
        }

        _time.Advance(TimeSpan.FromMilliseconds(100));

        var order = server[0].Sink.Frames.Select(f => f[0]).ToList();
        Assert.Equal(50, order.Count);
        Assert.NotEqual(order.Order(), order);
    }

    [Fact]
    public void Seeded_loss_drops_about_the_configured_share()
    {
        var network = new SimulatedNetwork(_time, seed: 3, LinkOptions.Default with { LossProbability = 0.1 });
        var (client, _, server) = Connect(network, "a:1", "b:1");

        for (var i = 0; i < 2000; i++)
        {
            client.TrySend(new byte[] { 1 });
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        _time.Advance(TimeSpan.FromMilliseconds(10));

        var delivered = server[0].Sink.Frames.Count;
        Assert.InRange(delivered, 1700, 1900);
        Assert.Equal(2000 - delivered, network.GetStats("a:1").FramesLost);
    }

    [Fact]
    public void A_partition_silently_drops_frames_and_times_out_new_dials_until_healed()
    {
        var network = new SimulatedNetwork(_time, seed: 4);
        var (client, clientSink, server) = Connect(network, "a:1", "b:1");
        network.CreateTransport("c:1").Start(_ => { });

        network.Partition(["a:1"], ["b:1", "c:1"]);
        client.TrySend(new byte[] { 1 });
        var dial = network.CreateTransport("d:1").Connect("c:1");
        var dialSink = new FrameSink();
        network.Partition([["a:1", "d:1"], ["b:1", "c:1"]]);
        dial.Start(dialSink);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(server[0].Sink.Frames);
        Assert.Null(clientSink.Closed);
        Assert.Null(dialSink.Closed);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("dial timeout", dialSink.Closed);

        network.Heal();
        client.TrySend(new byte[] { 2 });
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal([2], server[0].Sink.Frames.Single());
    }

    [Fact]
    public void A_crash_is_silent_and_a_restarted_instance_resets_old_connections()
    {
        var network = new SimulatedNetwork(_time, seed: 5);
        var (client, clientSink, server) = Connect(network, "a:1", "b:1");

        network.Crash("b:1");
        client.TrySend(new byte[] { 1 });
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(clientSink.Closed);
        Assert.Empty(server[0].Sink.Frames);
        Assert.Equal(1, network.GetStats("a:1").FramesLost);

        var restarted = network.Restart("b:1");
        restarted.Start(c => c.Start(new FrameSink()));
        client.TrySend(new byte[] { 2 });
        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal("connection reset by peer", clientSink.Closed);
        Assert.Empty(server[0].Sink.Frames);
        Assert.False(client.TrySend(new byte[] { 3 }));
    }

    [Fact]
    public void Close_reaches_the_other_side_after_frames_in_flight()
    {
        var network = new SimulatedNetwork(_time, seed: 6);
        var (client, clientSink, server) = Connect(network, "a:1", "b:1");

        client.TrySend(new byte[] { 7 });
        client.Close("done");
        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal([7], server[0].Sink.Frames.Single());
        Assert.Equal("closed by peer: done", server[0].Sink.Closed);
        Assert.Equal("done", clientSink.Closed);
    }

    [Fact]
    public void Dialling_an_unknown_endpoint_is_refused_and_aliases_reach_the_node()
    {
        var network = new SimulatedNetwork(_time, seed: 7);
        var server = network.CreateTransport("b:1");
        var accepted = 0;
        server.Start(c => { accepted++; c.Start(new FrameSink()); });
        network.AddAlias("b.example.com:443", "b:1");
        var client = network.CreateTransport("a:1");
        var unknown = new FrameSink();
        var viaAlias = new FrameSink();

        client.Connect("nobody:1").Start(unknown);
        client.Connect("b.example.com:443").Start(viaAlias);
        _time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.StartsWith("connection refused", unknown.Closed, StringComparison.Ordinal);
        Assert.True(viaAlias.Opened);
        Assert.Equal(1, accepted);
    }

    [Fact]
    public void Bandwidth_limits_serialize_large_frames()
    {
        var network = new SimulatedNetwork(_time, seed: 8, LinkOptions.Default with { Jitter = TimeSpan.Zero, BandwidthBytesPerSecond = 1_000_000 });
        var (client, _, server) = Connect(network, "a:1", "b:1");

        client.TrySend(new byte[500_000]);
        client.TrySend(new byte[500_000]);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Single(server[0].Sink.Frames);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, server[0].Sink.Frames.Count);
    }

    [Fact]
    public void Ten_thousand_nodes_and_a_hundred_thousand_connections_fit_in_modest_memory()
    {
        var network = new SimulatedNetwork(_time, seed: 9);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var transports = new SimulatedTransport[10_000];
        var received = 0L;
        for (var i = 0; i < transports.Length; i++)
        {
            transports[i] = network.CreateTransport($"n{i}:1");
            transports[i].Start(c => c.Start(new CountingHandler(() => received++)));
        }

        var random = new Random(9);
        var connections = new List<ITransportConnection>(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            var connection = transports[i % 10_000].Connect($"n{random.Next(10_000)}:1");
            connection.Start(new CountingHandler(() => { }));
            connections.Add(connection);
        }

        _time.Advance(TimeSpan.FromMilliseconds(10));
        foreach (var connection in connections)
        {
            connection.TrySend(new byte[] { 1, 2, 3 });
        }

        _time.Advance(TimeSpan.FromMilliseconds(10));
        var used = GC.GetTotalMemory(forceFullCollection: true) - before;

        Assert.Equal(100_000, received);
        Assert.Equal(200_000, network.ConnectionsCreated);
        Assert.True(used < 256L * 1024 * 1024, $"{used / (1024 * 1024)} MiB for 10,000 nodes and 100,000 connections");
        GC.KeepAlive(connections);
    }

    private sealed class CountingHandler(Action onFrame) : IConnectionHandler
    {
        public void OnOpened(ITransportConnection connection)
        {
        }

        public void OnFrame(ITransportConnection connection, ReadOnlyMemory<byte> frame) => onFrame();

        public void OnClosed(ITransportConnection connection, string reason)
        {
        }
    }
}
