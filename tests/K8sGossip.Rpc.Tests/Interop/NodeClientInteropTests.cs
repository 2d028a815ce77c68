using System.Text.Json;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>@grpc/grpc-js as the client, our server as the server, over h2c.</summary>
public sealed class NodeClientInteropTests : IClassFixture<H2cNodeClientRun>
{
    private readonly JsonElement _results;

    public NodeClientInteropTests(H2cNodeClientRun run)
    {
        _results = run.Results;
    }

    [Fact]
    public void Node_unary_call_gets_our_reply()
    {
        Assert.Equal("hello from node", _results.GetProperty("unary").GetProperty("reply").GetProperty("text").GetString());
    }

    [Fact]
    public void Node_unary_call_carries_a_one_mebibyte_payload_both_ways()
    {
        Assert.Equal(1024 * 1024, _results.GetProperty("largeUnary").GetProperty("reply").GetProperty("payloadLength").GetInt32());
    }

    [Fact]
    public void Node_server_stream_receives_every_message_in_order()
    {
        var stream = _results.GetProperty("serverStream");
        Assert.False(stream.TryGetProperty("error", out _));
        Assert.Equal([0, 1, 2, 3, 4], stream.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Node_client_stream_gets_one_reply_for_all_requests()
    {
        var reply = _results.GetProperty("clientStream").GetProperty("reply");
        Assert.Equal("a,b,c", reply.GetProperty("text").GetString());
        Assert.Equal(3, reply.GetProperty("index").GetInt32());
    }

    [Fact]
    public void Node_bidi_stream_gets_every_message_echoed_in_order()
    {
        var bidi = _results.GetProperty("bidi");
        Assert.Equal(200, bidi.GetProperty("count").GetInt32());
        Assert.True(bidi.GetProperty("inOrder").GetBoolean());
    }

    [Fact]
    public void Node_client_decodes_our_error_status_and_percent_encoded_message()
    {
        var error = _results.GetProperty("error").GetProperty("error");
        Assert.Equal((int)StatusCode.NotFound, error.GetProperty("code").GetInt32());
        Assert.Equal("no such thing: 100% ünïcödé", error.GetProperty("details").GetString());
    }

    [Fact]
    public void Node_deadline_expiry_is_DEADLINE_EXCEEDED()
    {
        Assert.Equal((int)StatusCode.DeadlineExceeded, _results.GetProperty("deadline").GetProperty("error").GetProperty("code").GetInt32());
    }
}
