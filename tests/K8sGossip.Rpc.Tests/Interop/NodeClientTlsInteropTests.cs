using System.Text.Json;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>@grpc/grpc-js as the client, our server as the server, over mutual TLS.</summary>
public sealed class NodeClientTlsInteropTests : IClassFixture<TlsNodeClientRun>
{
    private readonly JsonElement _results;

    public NodeClientTlsInteropTests(TlsNodeClientRun run)
    {
        _results = run.Results;
    }

    [Fact]
    public void Node_unary_call_over_mutual_TLS_gets_our_reply()
    {
        Assert.Equal("hello from node", _results.GetProperty("unary").GetProperty("reply").GetProperty("text").GetString());
    }

    [Fact]
    public void Node_bidi_stream_over_mutual_TLS_gets_every_message_echoed()
    {
        Assert.Equal(200, _results.GetProperty("bidi").GetProperty("count").GetInt32());
        Assert.True(_results.GetProperty("bidi").GetProperty("inOrder").GetBoolean());
    }

    [Fact]
    public void Node_error_status_over_mutual_TLS_is_decoded()
    {
        Assert.Equal((int)StatusCode.NotFound, _results.GetProperty("error").GetProperty("error").GetProperty("code").GetInt32());
    }
}
