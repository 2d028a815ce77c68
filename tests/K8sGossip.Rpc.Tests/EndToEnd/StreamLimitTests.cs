using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Server;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.EndToEnd;

/// <summary>More long-lived calls to one server than its HTTP/2 connection admits: a peer that leads more channels than
/// the orderer's stream limit still gets a Deliver stream for every one.</summary>
public sealed class StreamLimitTests
{
    [Fact]
    public async Task Open_streams_beyond_the_servers_concurrent_stream_limit_all_make_progress()
    {
        // The server's default limit, which is also what the client assumes before the server's SETTINGS arrive; a
        // smaller limit would have the client open streams optimistically and the server refuse them.
        var limit = new RpcServerOptions().MaxConcurrentStreams;
        var streams = limit + 5;
        var service = new EchoService();
        await using var server = new RpcServer(service.CreateRegistry(), new RpcServerOptions { MaxConcurrentStreams = limit });
        await server.StartAsync(CancellationToken.None);
        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{server.LocalEndPoint.Port}"), new RpcChannelOptions { AllowAdditionalConnections = true });

        var calls = Enumerable.Range(0, streams).Select(_ => channel.DuplexStreaming(EchoMethods.Bidi)).ToList();
        try
        {
            // Every call stays open while each, in turn, gets an answer: none may wait for another to end.
            for (var i = 0; i < streams; i++)
            {
                await calls[i].RequestStream.WriteAsync(EchoService.Request("open" + i));
                Assert.True(await Eventually.Within(calls[i].ResponseStream.MoveNext().AsTask(), what: $"the echo on stream {i} of {streams}"));
                Assert.Equal("open" + i, calls[i].ResponseStream.Current.Text);
            }

            for (var i = 0; i < streams; i++)
            {
                await calls[i].RequestStream.WriteAsync(EchoService.Request("again" + i));
                Assert.True(await Eventually.Within(calls[i].ResponseStream.MoveNext().AsTask()));
                Assert.Equal("again" + i, calls[i].ResponseStream.Current.Text);
            }
        }
        finally
        {
            foreach (var call in calls)
            {
                call.Dispose();
            }
        }
    }
}
