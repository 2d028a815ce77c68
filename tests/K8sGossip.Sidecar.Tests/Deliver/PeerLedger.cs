using K8sGossip.Gossip.Blocks;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

/// <summary>A peer's ledger of the test channel on real files: store, verifier and a running committer, recording
/// every committed block number in order.</summary>
internal sealed class PeerLedger : IAsyncDisposable
{
    private readonly List<ulong> _committed = [];

    private PeerLedger(BlockStore store, BlockCommitter committer, BlockVerifier verifier, BlockOptions options)
    {
        Store = store;
        Committer = committer;
        Verifier = verifier;
        Options = options;
        Ledger = new CommittedLedger(store, committer);
        committer.Committed += block =>
        {
            lock (_committed)
            {
                _committed.Add(block.Number);
            }
        };
    }

    public BlockStore Store { get; }

    public BlockCommitter Committer { get; }

    public BlockVerifier Verifier { get; }

    public BlockOptions Options { get; }

    public CommittedLedger Ledger { get; }

    public ulong Height => Committer.CommittedHeight;

    public IReadOnlyList<ulong> CommittedNumbers
    {
        get
        {
            lock (_committed)
            {
                return [.. _committed];
            }
        }
    }

    /// <summary>Opens a ledger holding <paramref name="preload"/> (appended straight to the store, as a peer that
    /// already has them).</summary>
    public static async Task<PeerLedger> OpenAsync(TestNetwork network, string directory, IReadOnlyList<EncodedBlock>? preload = null, BlockOptions? options = null)
    {
        options ??= new BlockOptions { MaxBlockBytes = TestNetwork.MaxBlockBytes, ReorderMaxBytes = 64L * 1024 * 1024 };
        var store = await BlockStore.OpenAsync(directory, options, ct: CancellationToken.None);
        foreach (var chunk in (preload ?? []).Chunk(256))
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(chunk, CancellationToken.None));
        }

        var verifier = network.Verifier();
        var committer = new BlockCommitter(verifier, store, options, TimeProvider.System);
        committer.Start();
        return new PeerLedger(store, committer, verifier, options);
    }

    public Task<PeerDeliverHost> ServeAsync(TestNetwork network, string name) =>
        PeerDeliverHost.StartAsync(
            channel => channel == TestNetwork.Channel ? Ledger : null,
            network.Org1Members(),
            network.HostOptions(network.Peer(name)),
            TimeProvider.System,
            null,
            CancellationToken.None);

    public DeliverClient Client(TestNetwork network, DeliverChannelPool pool, IReadOnlyList<BlockSourceEndpoint> fallbacks, int seed = 7) =>
        new(Verifier, Committer, Store, fallbacks, pool, Options,
            new DeliverClientOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(500) },
            TimeProvider.System, new Random(seed));

    /// <summary>The header hashes of every stored block, read back from the files.</summary>
    public async Task<List<string>> HeaderHashesAsync()
    {
        var hashes = new List<string>();
        await foreach (var stored in Store.ReadRangeAsync(0, ulong.MaxValue - 1, CancellationToken.None))
        {
            Assert.Equal(BlockRejection.None, EncodedBlock.TryDecode(stored.Bytes, TestNetwork.MaxBlockBytes, out var block, out _));
            hashes.Add(Convert.ToHexString(block!.HeaderHash));
        }

        return hashes;
    }

    public async ValueTask DisposeAsync()
    {
        await Committer.DisposeAsync();
        await Store.DisposeAsync();
    }
}
