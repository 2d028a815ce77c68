using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>An orderer and four peers of two organizations in <c>direct</c> mode, with 300 blocks ordered.</summary>
public sealed class DirectModeNetworkFixture : IAsyncLifetime
{
    public const int Blocks = 300;

    internal TestNetwork Network { get; } = new("direct");

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
