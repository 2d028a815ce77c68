using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Tests.Interop;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.EndToEnd;

/// <summary>Our client against our server: statuses, deadlines, cancellation, size limits, unknown methods.</summary>
public sealed class CallFailureTests : IClassFixture<EchoServerFixture>
{
    private readonly EchoServerFixture _fixture;

    public CallFailureTests(EchoServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Handler_status_and_non_ascii_message_reach_the_client()
    {
        var request = new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "no such thing: 100% ünïcödé\n" };

        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Channel.UnaryAsync(EchoMethods.Unary, request));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such thing: 100% ünïcödé\n", error.Detail);
    }

    [Fact]
    public async Task Error_after_streamed_messages_arrives_in_trailers()
    {
        using var call = _fixture.Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Count = 3, FailCode = (int)StatusCode.Aborted, FailMessage = "stopped" });

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.True(await call.ResponseStream.MoveNext());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().AsTask());

        Assert.Equal(new RpcStatus(StatusCode.Aborted, "stopped"), error.Status);
        Assert.Equal(error.Status, call.GetStatus());
    }

    [Fact]
    public async Task Unknown_method_fails_with_UNIMPLEMENTED()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Channel.UnaryAsync(EchoMethods.Missing, EchoService.Request("x")));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("/k8sgossip.interop.v1.Echo/Missing", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_expiry_is_DEADLINE_EXCEEDED_on_the_client_and_cancels_the_handler()
    {
        var service = new EchoService();
        await using var server = new Rpc.Server.RpcServer(service.CreateRegistry(), new Rpc.Server.RpcServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{server.LocalEndPoint.Port}"));
        var options = new CallOptions(Deadline: TimeProvider.System.GetUtcNow().AddMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { DelayMs = 20_000 }, options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        bool deadlinePassedOnServer = await Eventually.Within(service.CancellationObserved.Task, what: "the handler to observe the deadline");
        Assert.True(deadlinePassedOnServer);
    }

    [Fact]
    public async Task Already_expired_deadline_fails_without_calling_the_server()
    {
        var options = new CallOptions(Deadline: TimeProvider.System.GetUtcNow().AddSeconds(-1));

        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("late"), options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Client_cancellation_is_CANCELLED_and_observed_by_the_server()
    {
        var service = new EchoService();
        await using var server = new Rpc.Server.RpcServer(service.CreateRegistry(), new Rpc.Server.RpcServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{server.LocalEndPoint.Port}"));
        using var cancellation = new CancellationTokenSource();
        using var call = channel.DuplexStreaming(EchoMethods.Bidi, new CallOptions(CancellationToken: cancellation.Token));
        await call.RequestStream.WriteAsync(EchoService.Request("first"));
        Assert.True(await Eventually.Within(call.ResponseStream.MoveNext().AsTask()));

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().AsTask());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        bool deadlinePassed = await Eventually.Within(service.CancellationObserved.Task, what: "the server to observe the cancellation");
        Assert.False(deadlinePassed);
    }

    [Fact]
    public async Task Request_over_the_server_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        var request = EchoService.Request("too big", EchoServerFixture.ServerMaxReceive + 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Channel.UnaryAsync(EchoMethods.Unary, request));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_client_send_limit_is_RESOURCE_EXHAUSTED_before_sending()
    {
        using var channel = new RpcChannel(_fixture.Channel.Address, new RpcChannelOptions { MaxSendMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("x", 2048)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Response_over_the_client_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = new RpcChannel(_fixture.Channel.Address, new RpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("x", 128 * 1024)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unreachable_server_is_UNAVAILABLE()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{port}"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("x")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
