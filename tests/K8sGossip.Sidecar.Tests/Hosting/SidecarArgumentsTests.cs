using System.Net;
using K8sGossip.Sidecar.Hosting;
using K8sGossip.Sidecar.Peer;

namespace K8sGossip.Sidecar.Tests.Hosting;

public sealed class SidecarArgumentsTests
{
    [Fact]
    public void Config_channels_and_bind_are_read_in_both_spellings()
    {
        var parsed = SidecarArguments.Parse(["--config", "core.yaml", "--channels=ch.yaml", "--bind", "127.0.0.1"], out var error);

        Assert.Null(error);
        Assert.Equal(new SidecarArguments("core.yaml", "ch.yaml", IPAddress.Loopback), parsed);
    }

    [Fact]
    public void Bind_defaults_to_every_interface()
    {
        var parsed = SidecarArguments.Parse(["-c", "core.yaml"], out _);

        Assert.Equal(IPAddress.Any, parsed!.Bind);
        Assert.Null(parsed.ChannelsFile);
    }

    [Theory]
    [InlineData(new string[0], "--config is required")]
    [InlineData(new[] { "--config" }, "--config needs a value")]
    [InlineData(new[] { "--config", "c.yaml", "--verbose" }, "unknown argument '--verbose'")]
    [InlineData(new[] { "--config", "c.yaml", "--bind", "localhost" }, "--bind 'localhost' is not an IP address")]
    public void Wrong_arguments_are_refused_with_a_message(string[] args, string message)
    {
        Assert.Null(SidecarArguments.Parse(args, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_peers_deliver_address_is_its_gossip_endpoint()
    {
        Assert.Equal(new Uri("https://10.0.0.5:7051"), PeerDeliverAddress.Of("10.0.0.5:7051"));
        Assert.Null(PeerDeliverAddress.Of("no-port"));
        Assert.Null(PeerDeliverAddress.Of("host:70000"));
    }
}
