using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>An orderer and four peers of two organizations in one dissemination mode, with 300 blocks ordered and
/// committed by every peer before the tests run.</summary>
public abstract class OrderedNetworkFixture(string mode) : IAsyncLifetime
{
    public const int Blocks = 300;

    internal TestNetwork Network { get; } = new(mode);

    public async Task InitializeAsync()
    {
        Network.Start();
        await Network.EventuallyAsync(
            async () => (await Network.StatusesAsync(Network.Peers, CancellationToken.None)).Count == Network.Peers.Count,
            TimeSpan.FromSeconds(60),
            "every peer's local API");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Network.SubmitAsync(Blocks, cts.Token);
        await Network.EventuallyAsync(
            async () => (await Network.StatusesAsync(Network.Peers, CancellationToken.None)).Values.All(s => s.Channels.Single().Height >= Blocks),
            TimeSpan.FromSeconds(60),
            $"every peer to commit {Blocks} blocks");
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();
}

/// <summary>The ordered network in <c>direct</c> mode.</summary>
public sealed class DirectModeNetworkFixture() : OrderedNetworkFixture("direct");

/// <summary>The ordered network in <c>gossip</c> mode with dynamic election.</summary>
public sealed class GossipModeNetworkFixture() : OrderedNetworkFixture("gossip");
