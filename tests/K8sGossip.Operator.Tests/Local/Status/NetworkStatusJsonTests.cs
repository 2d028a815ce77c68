using System.Text.Json;
using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>The JSON interface scripts rely on: its field names, and that it reads back what it wrote.</summary>
public sealed class NetworkStatusJsonTests
{
    [Fact]
    public void The_documented_fields_scripts_rely_on_are_camel_case()
    {
        using var json = JsonDocument.Parse(NetworkStatusJson.Serialize(SampleStatuses.TwoOrganizations()));
        var root = json.RootElement;

        Assert.Equal(42UL, root.GetProperty("ordererHeight").GetUInt64());
        Assert.Equal("alive", root.GetProperty("ordererState").GetString());
        var peer = root.GetProperty("organizations")[0].GetProperty("peers")[0];
        Assert.Equal("org1-0", peer.GetProperty("name").GetString());
        Assert.Equal("alive", peer.GetProperty("state").GetString());
        Assert.Equal(42UL, peer.GetProperty("height").GetUInt64());
        Assert.Equal(["trade"], peer.GetProperty("leaderOf").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("suspect", root.GetProperty("organizations")[0].GetProperty("peers")[1].GetProperty("state").GetString());
        Assert.Equal("dead", root.GetProperty("organizations")[0].GetProperty("peers")[2].GetProperty("state").GetString());
    }

    [Fact]
    public void Every_field_has_its_documented_name_and_map_keys_keep_their_case()
    {
        using var json = JsonDocument.Parse(NetworkStatusJson.Serialize(SampleStatuses.TwoOrganizations()));
        var root = json.RootElement;

        Assert.Equal(["at", "ordererHeight", "ordererState", "channels", "organizations", "events"], Names(root));
        var channel = root.GetProperty("channels")[0];
        Assert.Equal(["name", "mode", "ordererHeight", "leaders", "latencyP50Ms", "latencyP99Ms", "latencyHistory"], Names(channel));
        Assert.Equal("org1-0", channel.GetProperty("leaders").GetProperty("Org1MSP").GetString());
        Assert.Equal(["at", "p50Ms", "p99Ms"], Names(channel.GetProperty("latencyHistory")[0]));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("channels")[1].GetProperty("latencyP50Ms").ValueKind);
        var organization = root.GetProperty("organizations")[0];
        Assert.Equal(["name", "mspId", "peers"], Names(organization));
        Assert.Equal(["name", "state", "height", "lag", "leaderOf", "channels", "restarts", "pid", "memoryMb"], Names(organization.GetProperty("peers")[0]));
        Assert.Equal(["at", "kind", "subject", "message"], Names(root.GetProperty("events")[0]));
        Assert.Equal(JsonValueKind.Null, organization.GetProperty("peers")[2].GetProperty("pid").ValueKind);
    }

    [Fact]
    public void A_status_reads_back_equal_to_what_was_written()
    {
        var original = SampleStatuses.TwoOrganizations();

        var text = NetworkStatusJson.Serialize(original);
        var read = NetworkStatusJson.Deserialize(text);

        Assert.Equal(text, NetworkStatusJson.Serialize(read));
        Assert.Equal(original.At, read.At);
        Assert.Equal(original.Events, read.Events);
        Assert.Equal(original.Channels[0].LatencyHistory, read.Channels[0].LatencyHistory);
        Assert.Equal(original.Channels[0].Leaders, read.Channels[0].Leaders);
        Assert.Equal(original.Channels[0].LatencyP99Ms, read.Channels[0].LatencyP99Ms);
        var peer = read.Organizations[1].Peers[1];
        var expected = original.Organizations[1].Peers[1];
        Assert.Equal((expected.Name, expected.State, expected.Height, expected.Lag, expected.Restarts, expected.Pid, expected.MemoryMb), (peer.Name, peer.State, peer.Height, peer.Lag, peer.Restarts, peer.Pid, peer.MemoryMb));
        Assert.Equal(expected.LeaderOf, peer.LeaderOf);
        Assert.Equal(expected.Channels, peer.Channels);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"at\":\"2026-11-21T21:00:00+00:00\",\"ordererHeight\":1,\"ordererState\":\"alive\",\"channels\":[],\"events\":[]}")]
    [InlineData("{\"at\":\"2026-11-21T21:00:00+00:00\",\"ordererHeight\":-1,\"ordererState\":\"alive\",\"channels\":[],\"organizations\":[],\"events\":[]}")]
    [InlineData("{\"at\":\"2026-11-21T21:00:00+00:00\",\"ordererHeight\":1,\"ordererState\":null,\"channels\":[],\"organizations\":[],\"events\":[]}")]
    public void Text_that_is_not_a_network_status_is_refused_with_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => NetworkStatusJson.Deserialize(text));

        Assert.Contains("not a network status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_a_later_version_adds_are_ignored_when_reading()
    {
        var text = NetworkStatusJson.Serialize(SampleStatuses.TwoOrganizations()).Replace("\"ordererHeight\": 42,", "\"ordererHeight\": 42, \"futureField\": true,", StringComparison.Ordinal);

        Assert.Contains("futureField", text, StringComparison.Ordinal);
        Assert.Equal(42UL, NetworkStatusJson.Deserialize(text).OrdererHeight);
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
