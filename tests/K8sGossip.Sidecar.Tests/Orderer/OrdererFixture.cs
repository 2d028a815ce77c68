using K8sGossip.Gossip.Blocks;
using K8sGossip.Sidecar.Orderer;
using K8sGossip.Sidecar.Tests.Deliver;

namespace K8sGossip.Sidecar.Tests.Orderer;

/// <summary>A solo orderer of the test channel on real files, served over mutual TLS on 127.0.0.1.</summary>
internal sealed class OrdererFixture : IAsyncDisposable
{
    private OrdererFixture(SoloOrderer orderer, OrdererHost host)
    {
        Orderer = orderer;
        Host = host;
    }

    public SoloOrderer Orderer { get; }

    public OrdererHost Host { get; }

    public static SoloOrdererOptions Options(string directory, BatchOptions? batch = null) => new()
    {
        DataDirectory = directory,
        Channels = [TestNetwork.Channel],
        Batch = batch ?? new BatchOptions { MaxMessages = 25, Timeout = TimeSpan.FromMilliseconds(50) },
        Blocks = new BlockOptions { MaxBlockBytes = TestNetwork.MaxBlockBytes, ReorderMaxBytes = 64L * 1024 * 1024 },
        MaxEnvelopeBytes = 64 * 1024,
    };

    public static async Task<OrdererFixture> StartAsync(TestNetwork network, SoloOrdererOptions options)
    {
        var orderer = await SoloOrderer.OpenAsync(options, network.OrdererSigner, TimeProvider.System, null, CancellationToken.None);
        var host = await OrdererHost.StartAsync(orderer, network.Trust, network.HostOptions(network.Orderer), TimeProvider.System, null, CancellationToken.None);
        return new OrdererFixture(orderer, host);
    }

    public async Task GenerateAsync(int blocks, int bytes = 512)
    {
        var payload = new byte[bytes];
        for (var i = 0; i < blocks; i++)
        {
            payload[0] = (byte)i;
            await Orderer.AppendGeneratedAsync(TestNetwork.Channel, Google.Protobuf.ByteString.CopyFrom(payload), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Orderer.DisposeAsync();
    }
}
