using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Server;
using K8sGossip.Rpc.Tests.Interop;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.EndToEnd;

/// <summary>A streaming call reaches the server before the client writes anything.</summary>
public sealed class ResponseHeaderTests
{
    [Fact]
    public async Task Bidi_call_is_accepted_before_the_client_sends_a_message()
    {
        var registry = new RpcServiceRegistry().AddDuplexStreaming(EchoMethods.Bidi, async (requests, responses, context) =>
        {
            await context.WriteResponseHeadersAsync(context.CancellationToken);
            while (await requests.MoveNext(context.CancellationToken))
            {
                await responses.WriteAsync(new EchoReply { Text = requests.Current.Text }, context.CancellationToken);
            }
        });
        await using var server = new RpcServer(registry, new RpcServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{server.LocalEndPoint.Port}"));
        using var call = channel.DuplexStreaming(EchoMethods.Bidi);

        var headers = await Eventually.Within(call.ResponseHeadersAsync(), what: "the response headers");

        Assert.False(headers.Contains("grpc-status"), "the call must be open, not a Trailers-Only response");
        await call.RequestStream.WriteAsync(EchoService.Request("after headers"));
        Assert.True(await Eventually.Within(call.ResponseStream.MoveNext().AsTask()));
        Assert.Equal("after headers", call.ResponseStream.Current.Text);
    }
}
