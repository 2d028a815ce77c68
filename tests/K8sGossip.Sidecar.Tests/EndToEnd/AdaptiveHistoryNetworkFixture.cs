using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>
/// An orderer and two peers of one organization in <c>adaptive</c> mode (threshold 10) holding at least 5,000 small
/// blocks, plus two more peers of the organization not started yet: each test starts one of them that far behind.
/// </summary>
public sealed class AdaptiveHistoryNetworkFixture : IAsyncLifetime
{
    public const int Blocks = 5_000;
    public const int Threshold = 10;
    public const string Organization = "Org1MSP";
    private const int GeneratorRate = 2_000;

    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    internal TestNetwork Network { get; } = new("adaptive", organizations: 1, peersPerOrganization: 4) { AdaptiveThreshold = Threshold };

    /// <summary>The peers that hold the chain from the start: the sources a late peer may stream from.</summary>
    internal IReadOnlyList<TestNode> Early => [.. Network.Peers.Take(2)];

    /// <summary>The peers left for the tests to start late, one per test.</summary>
    internal IReadOnlyList<TestNode> Late => [.. Network.Peers.Skip(2)];

    /// <summary>The orderer's generator cuts at least <see cref="Blocks"/> blocks while the early peers follow; then the
    /// orderer restarts without the generator so the chain stays put.</summary>
    public async Task InitializeAsync()
    {
        Network.OrdererGeneratorRate = GeneratorRate;
        Network.Start([.. Late]);
        using var cts = new CancellationTokenSource(Timeout);
        var orderer = Network.OrdererChannel();
        await Network.EventuallyAsync(async () => await OrdererBlockReader.HeightAsync(orderer, cts.Token) >= Blocks, Timeout, $"the orderer to cut {Blocks} blocks");
        Network.OrdererGeneratorRate = 0;
        await Network.RestartAsync(Network.Orderer, Timeout);
        await SettledHeightAsync();
    }

    /// <summary>The orderer's height, once every live early peer holds the whole chain.</summary>
    internal async Task<ulong> SettledHeightAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        ulong height = 0;
        await Network.EventuallyAsync(async () => (height = await Network.OrdererHeightAsync(cts.Token)) >= Blocks, Timeout, "the orderer's height");
        var live = Early.Where(p => !p.ExpectedToExit).ToList();
        await Network.EventuallyAsync(
            async () => (await Network.StatusesAsync(live, cts.Token)).Values.All(s => s.Channels.Single().Height >= height),
            Timeout,
            $"the early peers to hold {height} blocks");
        return height;
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();
}
