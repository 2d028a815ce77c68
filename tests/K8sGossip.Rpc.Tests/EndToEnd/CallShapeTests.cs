using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Tests.Interop;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.EndToEnd;

/// <summary>Our client against our server over h2c on 127.0.0.1: the four call shapes and metadata.</summary>
public sealed class CallShapeTests : IClassFixture<EchoServerFixture>
{
    private readonly EchoServerFixture _fixture;

    public CallShapeTests(EchoServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Unary_call_returns_the_echoed_reply()
    {
        var reply = await _fixture.Channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("hello"));

        Assert.Equal("hello", reply.Text);
    }

    [Fact]
    public async Task Unary_call_sends_metadata_headers_to_the_server()
    {
        var options = new CallOptions(Headers: [new("x-org", "org1"), new("x-trace", "abc")]);

        await _fixture.Channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("meta"), options);

        lock (_fixture.Service.LastHeaders)
        {
            Assert.Equal("org1", _fixture.Service.LastHeaders["x-org"]);
            Assert.Equal("abc", _fixture.Service.LastHeaders["x-trace"]);
            Assert.Equal("trailers", _fixture.Service.LastHeaders["te"]);
        }
    }

    [Fact]
    public async Task Server_streaming_call_delivers_every_message_in_order_then_OK()
    {
        using var call = _fixture.Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Text = "s", Count = 50 });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 50), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Server_streaming_call_with_no_messages_ends_with_OK()
    {
        using var call = _fixture.Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Count = 0 });

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Client_streaming_call_receives_one_reply_for_all_requests()
    {
        using var call = _fixture.Channel.ClientStreaming(EchoMethods.ClientStream);
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(EchoService.Request(text));
        }

        await call.RequestStream.CompleteAsync();
        var reply = await Eventually.Within(call.ResponseAsync);

        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task Bidi_call_echoes_thousands_of_buffered_messages_in_order()
    {
        const int count = 5000;
        using var call = _fixture.Channel.DuplexStreaming(EchoMethods.Bidi);
        var reading = Task.Run(async () =>
        {
            var texts = new List<string>(count);
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                texts.Add(reply.Text);
            }

            return texts;
        });

        for (int i = 0; i < count; i++)
        {
            call.RequestStream.Write(EchoService.Request("m" + i));
            if (i % 100 == 99)
            {
                await call.RequestStream.FlushAsync();
            }
        }

        await call.RequestStream.CompleteAsync();
        var received = await Eventually.Within(reading, what: "the echoed messages");

        Assert.Equal(Enumerable.Range(0, count).Select(i => "m" + i), received);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Bidi_call_carries_one_mebibyte_messages_both_ways()
    {
        using var call = _fixture.Channel.DuplexStreaming(EchoMethods.Bidi);
        for (int i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(EchoService.Request("big" + i, 1024 * 1024));
            Assert.True(await Eventually.Within(call.ResponseStream.MoveNext().AsTask()));
            Assert.Equal("big" + i, call.ResponseStream.Current.Text);
            Assert.Equal(1024 * 1024, call.ResponseStream.Current.Payload.Length);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await Eventually.Within(call.ResponseStream.MoveNext().AsTask()));
    }

    [Fact]
    public async Task Many_concurrent_calls_share_the_channel()
    {
        var calls = Enumerable.Range(0, 40).Select(i => _fixture.Channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("c" + i)));

        var replies = await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "c" + i), replies.Select(r => r.Text));
    }
}
