using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>Our client against the @grpc/grpc-js server over h2c.</summary>
public sealed class NodeServerInteropTests : IClassFixture<H2cNodeServer>, IDisposable
{
    private readonly RpcChannel _channel;

    public NodeServerInteropTests(H2cNodeServer server)
    {
        _channel = new RpcChannel(new Uri($"http://127.0.0.1:{server.Port}"));
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Unary_call_to_grpc_js_returns_its_reply()
    {
        var reply = await _channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("hello node"));

        Assert.Equal("hello node", reply.Text);
    }

    [Fact]
    public async Task Unary_call_to_grpc_js_carries_a_one_mebibyte_payload_both_ways()
    {
        var reply = await _channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("big", 1024 * 1024));

        Assert.Equal(1024 * 1024, reply.Payload.Length);
    }

    [Fact]
    public async Task Server_stream_from_grpc_js_delivers_every_message_then_OK()
    {
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Text = "s", Count = 20 });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 20), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Client_stream_to_grpc_js_gets_one_reply()
    {
        using var call = _channel.ClientStreaming(EchoMethods.ClientStream);
        call.RequestStream.Write(EchoService.Request("x"));
        call.RequestStream.Write(EchoService.Request("y"));
        await call.RequestStream.CompleteAsync();

        var reply = await Eventually.Within(call.ResponseAsync);

        Assert.Equal("x,y", reply.Text);
    }

    [Fact]
    public async Task Bidi_stream_with_grpc_js_echoes_every_message_in_order()
    {
        const int count = 1000;
        using var call = _channel.DuplexStreaming(EchoMethods.Bidi);
        var reading = Task.Run(async () =>
        {
            var texts = new List<string>();
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                texts.Add(reply.Text);
            }

            return texts;
        });
        for (int i = 0; i < count; i++)
        {
            call.RequestStream.Write(EchoService.Request("m" + i));
            if (i % 50 == 49)
            {
                await call.RequestStream.FlushAsync();
            }
        }

        await call.RequestStream.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, count).Select(i => "m" + i), await Eventually.Within(reading));
    }

    [Fact]
    public async Task Error_status_from_grpc_js_is_decoded_with_its_message()
    {
        var request = new EchoRequest { FailCode = (int)StatusCode.PermissionDenied, FailMessage = "denied: 50% ✗" };

        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Unary, request));

        Assert.Equal(new RpcStatus(StatusCode.PermissionDenied, "denied: 50% ✗"), error.Status);
    }

    [Fact]
    public async Task Deadline_sent_to_grpc_js_expires_as_DEADLINE_EXCEEDED()
    {
        var options = new CallOptions(Deadline: TimeProvider.System.GetUtcNow().AddMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { DelayMs = 10_000 }, options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_on_grpc_js_is_UNIMPLEMENTED()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Missing, EchoService.Request("x")));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
