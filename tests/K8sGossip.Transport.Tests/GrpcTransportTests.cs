using System.Security.Cryptography;
using K8sGossip.Gossip.Identity;
using K8sGossip.Rpc.Security;
using K8sGossip.Transport.Tests.Support;

namespace K8sGossip.Transport.Tests;

/// <summary>Two real transports on 127.0.0.1 with mutual TLS.</summary>
public sealed class GrpcTransportTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TransportPair _pair = new();

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _pair.DisposeAsync();

    [Fact]
    public async Task Frames_flow_both_ways_in_order_over_mutual_TLS()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var (bob, _) = await _pair.StartAsync("bob");
        var bobHandler = new RecordingHandler();
        var outbound = bob.Connect(alice.ListenEndpoint);
        outbound.Start(bobHandler);
        await bobHandler.WaitOpenedAsync();
        var (inbound, aliceHandler) = await aliceAccepted.ReadAsync().AsTask().WaitAsync(Timeout);
        await aliceHandler.WaitOpenedAsync();

        for (int i = 0; i < 500; i++)
        {
            Assert.True(outbound.TrySend(BitConverter.GetBytes(i)));
            Assert.True(inbound.TrySend(BitConverter.GetBytes(-i)));
        }

        var atAlice = await aliceHandler.ReceiveAsync(500);
        var atBob = await bobHandler.ReceiveAsync(500);
        Assert.Equal(Enumerable.Range(0, 500), atAlice.Select(f => BitConverter.ToInt32(f)));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => -i), atBob.Select(f => BitConverter.ToInt32(f)));
        Assert.True(outbound.IsOutbound);
        Assert.False(inbound.IsOutbound);
        Assert.Null(aliceHandler.Violation);
        Assert.Null(bobHandler.Violation);
    }

    [Fact]
    public async Task Both_sides_see_the_SHA256_of_each_others_TLS_certificate()
    {
        var aliceCertificate = _pair.Leaf("alice");
        var bobCertificate = _pair.Leaf("bob");
        var (alice, aliceAccepted) = await _pair.StartAsync("alice", aliceCertificate);
        var (bob, _) = await _pair.StartAsync("bob", bobCertificate);
        var bobHandler = new RecordingHandler();
        var outbound = bob.Connect(alice.ListenEndpoint);
        outbound.Start(bobHandler);
        await bobHandler.WaitOpenedAsync();
        var (inbound, _) = await aliceAccepted.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(SHA256.HashData(bobCertificate.RawData), outbound.LocalTlsCertificateHash.ToArray());
        Assert.Equal(SHA256.HashData(aliceCertificate.RawData), outbound.RemoteTlsCertificateHash.ToArray());
        Assert.Equal(SHA256.HashData(aliceCertificate.RawData), inbound.LocalTlsCertificateHash.ToArray());
        Assert.Equal(SHA256.HashData(bobCertificate.RawData), inbound.RemoteTlsCertificateHash.ToArray());
    }

    [Fact]
    public async Task One_mebibyte_frames_are_delivered_intact()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var (bob, _) = await _pair.StartAsync("bob");
        var bobHandler = new RecordingHandler();
        var outbound = bob.Connect(alice.ListenEndpoint);
        outbound.Start(bobHandler);
        await bobHandler.WaitOpenedAsync();
        var (_, aliceHandler) = await aliceAccepted.ReadAsync().AsTask().WaitAsync(Timeout);
        var frame = new byte[1024 * 1024];
        new Random(7).NextBytes(frame);

        Assert.True(outbound.TrySend(frame));
        Assert.True(outbound.TrySend(frame));

        var received = await aliceHandler.ReceiveAsync(2);
        Assert.All(received, r => Assert.Equal(frame, r));
    }

    [Fact]
    public async Task Dialler_with_a_certificate_from_an_untrusted_CA_is_refused()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var strangerCertificate = TransportPair.Leaf(CertificateAuthority.Create("StrangerMSP", TimeProvider.System), "mallory");
        var (mallory, _) = await _pair.StartAsync("mallory", strangerCertificate);
        var handler = new RecordingHandler();

        var outbound = mallory.Connect(alice.ListenEndpoint);
        outbound.Start(handler);

        string reason = await handler.WaitClosedAsync();
        Assert.Contains("dial failed", reason, StringComparison.Ordinal);
        Assert.False(handler.Opened.Task.IsCompleted);
        Assert.False(aliceAccepted.TryRead(out _));
        Assert.True(outbound.RemoteTlsCertificateHash.IsEmpty);
    }

    [Fact]
    public async Task Dial_to_a_port_nobody_listens_on_reports_OnClosed()
    {
        var (bob, _) = await _pair.StartAsync("bob", configure: o => o.ConnectTimeout = TimeSpan.FromSeconds(5));
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var handler = new RecordingHandler();
        bob.Connect($"127.0.0.1:{port}").Start(handler);

        Assert.Contains("dial failed", await handler.WaitClosedAsync(), StringComparison.Ordinal);
        Assert.Equal(1, handler.ClosedCount);
    }

    [Fact]
    public async Task Dials_beyond_the_concurrency_limit_wait_their_turn_and_all_open()
    {
        var (bob, _) = await _pair.StartAsync("bob", configure: o => o.MaxConcurrentDials = 1);
        var listeners = new List<GrpcTransport>();
        for (var i = 0; i < 4; i++)
        {
            listeners.Add((await _pair.StartAsync($"alice{i}")).Transport);
        }

        var handlers = listeners.Select(_ => new RecordingHandler()).ToList();
        for (var i = 0; i < listeners.Count; i++)
        {
            bob.Connect(listeners[i].ListenEndpoint).Start(handlers[i]);
        }

        foreach (var handler in handlers)
        {
            await handler.WaitOpenedAsync();
        }

        Assert.All(handlers, h => Assert.Equal(0, h.ClosedCount));
    }

    [Fact]
    public async Task A_deferred_dial_closed_before_it_starts_never_opens()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var (bob, _) = await _pair.StartAsync("bob");
        var handler = new RecordingHandler();
        var dial = bob.Connect(alice.ListenEndpoint, TimeSpan.FromSeconds(30));
        dial.Start(handler);

        dial.Close("the peer's own connection arrived first");

        Assert.Contains("arrived first", await handler.WaitClosedAsync(), StringComparison.Ordinal);
        Assert.False(handler.Opened.Task.IsCompleted);
        Assert.False(aliceAccepted.TryRead(out _)); // no TLS session was ever offered to alice
    }

    [Fact]
    public async Task TrySend_returns_false_when_the_queue_is_full_by_count_or_bytes()
    {
        var (bob, _) = await _pair.StartAsync("bob", configure: o =>
        {
            o.SendQueueMaxFrames = 3;
            o.SendQueueMaxBytes = 1000;
            o.MaxFrameBytes = 600;
        });

        // Not started, so nothing drains the queue.
        var byCount = bob.Connect("127.0.0.1:1");
        Assert.True(byCount.TrySend(new byte[10]));
        Assert.True(byCount.TrySend(new byte[10]));
        Assert.True(byCount.TrySend(new byte[10]));
        Assert.False(byCount.TrySend(new byte[10]));

        var byBytes = bob.Connect("127.0.0.1:1");
        Assert.True(byBytes.TrySend(new byte[450]));
        Assert.True(byBytes.TrySend(new byte[450]));
        Assert.False(byBytes.TrySend(new byte[450]));
        Assert.True(byBytes.TrySend(new byte[100]));

        var tooLarge = bob.Connect("127.0.0.1:1");
        Assert.False(tooLarge.TrySend(new byte[601]));

        byCount.Close("test over");
        Assert.False(byCount.TrySend(new byte[1]));
    }

    [Fact]
    public async Task Closing_the_dialling_side_reports_OnClosed_on_both_sides()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var (bob, _) = await _pair.StartAsync("bob");
        var bobHandler = new RecordingHandler();
        var outbound = bob.Connect(alice.ListenEndpoint);
        outbound.Start(bobHandler);
        await bobHandler.WaitOpenedAsync();
        var (_, aliceHandler) = await aliceAccepted.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.True(outbound.TrySend(new byte[] { 1 }));
        await aliceHandler.ReceiveAsync(1);

        outbound.Close("leaving");

        Assert.Equal("leaving", await bobHandler.WaitClosedAsync());
        Assert.Equal("closed by remote", await aliceHandler.WaitClosedAsync());
        Assert.Equal(1, aliceHandler.ClosedCount);
        Assert.Equal(1, bobHandler.ClosedCount);
        Assert.Null(aliceHandler.Violation);
    }

    [Fact]
    public async Task Closing_the_accepting_side_reports_OnClosed_on_the_dialler()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var (bob, _) = await _pair.StartAsync("bob");
        var bobHandler = new RecordingHandler();
        bob.Connect(alice.ListenEndpoint).Start(bobHandler);
        await bobHandler.WaitOpenedAsync();
        var (inbound, aliceHandler) = await aliceAccepted.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.True(inbound.TrySend(new byte[] { 2 }));

        inbound.Close("shutting down");

        Assert.Equal("shutting down", await aliceHandler.WaitClosedAsync());
        Assert.Equal("closed by remote", await bobHandler.WaitClosedAsync());
        Assert.Single(await bobHandler.ReceiveAsync(1));
        Assert.Null(bobHandler.Violation);
    }

    [Fact]
    public async Task Disposing_a_transport_closes_its_connections_on_the_peer()
    {
        var (alice, aliceAccepted) = await _pair.StartAsync("alice");
        var bobOptions = new GrpcTransportOptions
        {
            Certificate = _pair.Leaf("bob"),
            PeerCertificateValidator = CertificateTrust.ChainsToAny([_pair.Authority]),
        };
        var bob = await GrpcTransport.BindAsync(bobOptions, null, CancellationToken.None);
        bob.Start(_ => { });
        var bobHandler = new RecordingHandler();
        bob.Connect(alice.ListenEndpoint).Start(bobHandler);
        await bobHandler.WaitOpenedAsync();
        var (_, aliceHandler) = await aliceAccepted.ReadAsync().AsTask().WaitAsync(Timeout);

        await bob.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal("transport disposed", await bobHandler.WaitClosedAsync());
        await aliceHandler.WaitClosedAsync();
    }

    [Fact]
    public async Task Invalid_options_name_the_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => GrpcTransport.BindAsync(new GrpcTransportOptions(), null, CancellationToken.None));

        Assert.Contains("GrpcTransportOptions.Certificate", error.Message, StringComparison.Ordinal);
    }
}
