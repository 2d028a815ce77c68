using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Benchmarks.Links;
using K8sGossip.Gossip.Identity;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.Orderer;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S5 over real sockets: a solo orderer and an org peer hold the same chain; a fresh peer catches up from the
/// org peer, and another fresh peer from the orderer, each through Deliver over mutual TLS into a durable store.
/// Our profile streams with many blocks in flight; <c>fabric-defaults</c> fetches from the peer stop-and-wait in
/// requests of 10 blocks, as Fabric's state transfer does (the orderer line streams in both, as Fabric's deliver does).
/// With <c>--rtt-ms</c> both sources sit behind a <see cref="LatencyRelay"/>, as they would across zones or regions,
/// which is where a round trip per batch costs most.</summary>
internal static class CatchUpGrpc
{
    private const string Channel = "bench";
    private const double Mb = 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    public static async Task<ResultLine> RunAsync(BenchmarkArguments a)
    {
        var blocks = a.Blocks ?? 10_000;
        var bytes = a.BlockBytes ?? 4096;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(await RunOnceAsync(a, a.Seed + run, blocks, bytes));
        }

        return new ResultLine()
            .Add("scenario", "S5").Add("transport", "grpc").Add("n", 3).Add("profile", a.Profile).Add("seed", a.Seed)
            .Add("runs", a.Runs).Add("block_bytes", bytes).Add("blocks", blocks).Add("rtt_ms", a.RttMs)
            .Add("peer_method", a.FabricDefaults ? "stop-and-wait, 10 blocks per request" : "pipelined stream")
            .AddMedians(runs, "peer_blocks_per_s", "peer_mb_per_s", "orderer_blocks_per_s", "orderer_mb_per_s", "cpu_s", "rss_mb")
            .Add("mb_basis", "encoded block bytes committed (fsync) per second, MiB");
    }

    private static async Task<Dictionary<string, double>> RunOnceAsync(BenchmarkArguments a, int seed, int blocks, int bytes)
    {
        Console.Error.WriteLine($"S5 grpc profile={a.Profile} seed={seed}: cutting {blocks} blocks of {bytes} bytes");
        var root = Path.Combine(Path.GetTempPath(), "k8sgossip-s5-" + Guid.NewGuid().ToString("N"));
        var time = TimeProvider.System;
        var blockOptions = new BlockOptions { MaxBlockBytes = Math.Max(16 * 1024 * 1024, (bytes * 2) + 4096) };
        blockOptions.ReorderMaxBytes = Math.Max(blockOptions.ReorderMaxBytes, blockOptions.MaxBlockBytes);
        using var ordererCa = CertificateAuthority.Create("OrdererMSP", time);
        using var orgCa = CertificateAuthority.Create("Org1MSP", time);
        var trust = TrustBundle.From(ordererCa, orgCa);
        var ordererCredentials = ordererCa.IssuePeer("orderer0", ["localhost"], [IPAddress.Loopback]);
        using var ordererSigner = ordererCredentials.CreateSigner();
        using var trusted = TrustedOrderers.FromIdentities([ordererSigner.Identity]);
        var hostOptions = new DeliverHostOptions { Tls = MutualTlsIdentity.From(ordererCredentials, trust), MaxBlockBytes = blockOptions.MaxBlockBytes };
        var roundTrip = TimeSpan.FromMilliseconds(a.RttMs);
        var relays = new List<LatencyRelay>();
        try
        {
            await using var orderer = await SoloOrderer.OpenAsync(
                new SoloOrdererOptions { DataDirectory = Path.Combine(root, "orderer"), Channels = [Channel], Blocks = blockOptions, MaxEnvelopeBytes = blockOptions.MaxBlockBytes / 2 },
                ordererSigner, time, null, CancellationToken.None);
            await using var ordererHost = await OrdererHost.StartAsync(orderer, trust, hostOptions, time, null, CancellationToken.None);
            var random = new Random(seed);
            var payload = new byte[bytes];
            for (var i = 0; i < blocks; i++)
            {
                random.NextBytes(payload);
                await orderer.AppendGeneratedAsync(Channel, ByteString.CopyFrom(payload), CancellationToken.None);
            }

            await orderer.WaitForHeightAsync(Channel, (ulong)blocks, CancellationToken.None);

            // The org peer already holds the chain: copy the orderer's records as they are.
            var source = await Ledger.OpenAsync(Path.Combine(root, "org-peer"), trusted, blockOptions, time);
            await using (source)
            {
                long chainBytes = 0;
                var batch = new List<EncodedBlock>(256);
                await foreach (var stored in orderer.FindLedger(Channel)!.Store.ReadRangeAsync(0, (ulong)blocks - 1, CancellationToken.None))
                {
                    EncodedBlock.TryDecode(stored.Bytes, blockOptions.MaxBlockBytes, out var block, out _);
                    batch.Add(block!);
                    chainBytes += stored.Bytes.Length;
                    if (batch.Count == batch.Capacity)
                    {
                        await source.Store.AppendBatchAsync(batch, CancellationToken.None);
                        batch.Clear();
                    }
                }

                await source.Store.AppendBatchAsync(batch, CancellationToken.None);
                await source.RestartCommitterAsync(trusted, blockOptions, time);
                var peerCredentials = orgCa.IssuePeer("org-peer", ["localhost"], [IPAddress.Loopback]);
                await using var sourceHost = await PeerDeliverHost.StartAsync(
                    channel => channel == Channel ? source.Deliverable : null,
                    DeliverAuthorizers.ChannelMembers(trust, _ => ["Org1MSP"]),
                    new DeliverHostOptions { Tls = MutualTlsIdentity.From(peerCredentials, trust), MaxBlockBytes = blockOptions.MaxBlockBytes },
                    time, null, CancellationToken.None);
                var freshCredentials = orgCa.IssuePeer("fresh", ["localhost"], [IPAddress.Loopback]);
                using var pool = new DeliverChannelPool(MutualTlsIdentity.From(freshCredentials, trust), blockOptions.MaxBlockBytes + 64, time);
                var ordererEndpoint = BlockSourceEndpoint.Orderer(LatencyRelay.Through(ordererHost.Address, roundTrip, relays));
                var peerEndpoint = new BlockSourceEndpoint(
                    DeliverSource.FromPeer(PkiId.Compute("Org1MSP", peerCredentials.IdentityCertificate.RawData)),
                    LatencyRelay.Through(sourceHost.Address, roundTrip, relays));

                // Warm-up (JIT, TLS sessions) on a prefix from both sources, so neither measurement pays for it.
                var warmup = Math.Min(blocks, 500);
                await CatchUpAsync(Path.Combine(root, "warmup-peer"), peerEndpoint, ordererEndpoint, a.FabricDefaults, warmup, pool, ordererSigner.Identity, blockOptions, time, seed);
                await CatchUpAsync(Path.Combine(root, "warmup-orderer"), ordererEndpoint, ordererEndpoint, stopAndWait: false, warmup, pool, ordererSigner.Identity, blockOptions, time, seed);

                var cpuBefore = ProcessMetrics.Cpu();
                // Each source is measured twice in the order peer, orderer, orderer, peer and the times averaged, so
                // whatever the machine does meanwhile (other processes, disk writeback) does not favour one source.
                var sequence = 0;
                Task<double> FromPeer() => CatchUpAsync(Path.Combine(root, "fresh-from-peer-" + sequence++), peerEndpoint, ordererEndpoint, a.FabricDefaults, blocks, pool, ordererSigner.Identity, blockOptions, time, seed);
                Task<double> FromOrderer() => CatchUpAsync(Path.Combine(root, "fresh-from-orderer-" + sequence++), ordererEndpoint, ordererEndpoint, stopAndWait: false, blocks, pool, ordererSigner.Identity, blockOptions, time, seed);
                var peerSeconds = await FromPeer();
                var ordererSeconds = await FromOrderer();
                ordererSeconds = (ordererSeconds + await FromOrderer()) / 2;
                peerSeconds = (peerSeconds + await FromPeer()) / 2;
                var result = new Dictionary<string, double>
                {
                    ["peer_blocks_per_s"] = Math.Round(blocks / peerSeconds, 1),
                    ["peer_mb_per_s"] = Math.Round(chainBytes / Mb / peerSeconds, 2),
                    ["orderer_blocks_per_s"] = Math.Round(blocks / ordererSeconds, 1),
                    ["orderer_mb_per_s"] = Math.Round(chainBytes / Mb / ordererSeconds, 2),
                    ["cpu_s"] = Math.Round((ProcessMetrics.Cpu() - cpuBefore).TotalSeconds, 2),
                    ["rss_mb"] = ProcessMetrics.PeakRssMb(),
                };
                Console.Error.WriteLine($"S5 grpc seed={seed}: peer {result["peer_blocks_per_s"]} blocks/s, orderer {result["orderer_blocks_per_s"]} blocks/s");
                return result;
            }
        }
        finally
        {
            foreach (var relay in relays)
            {
                await relay.DisposeAsync();
            }

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleanup.
            }
        }
    }

    /// <summary>A fresh peer fetches the whole chain from <paramref name="from"/> into a durable store; returns seconds.</summary>
    private static async Task<double> CatchUpAsync(
        string directory, BlockSourceEndpoint from, BlockSourceEndpoint orderer, bool stopAndWait, int blocks,
        DeliverChannelPool pool, PeerIdentity ordererIdentity, BlockOptions blockOptions, TimeProvider time, int seed)
    {
        // Its own trusted-orderer set, as a separate peer would have: no signature is known verified in advance.
        using var trusted = TrustedOrderers.FromIdentities([ordererIdentity]);
        await using var fresh = await Ledger.OpenAsync(directory, trusted, blockOptions, time);
        using var timeout = new CancellationTokenSource(Patience);
        var start = Stopwatch.GetTimestamp();
        if (stopAndWait)
        {
            var transfer = new StopAndWaitTransfer(pool, fresh.Verifier, fresh.Committer, fresh.Store, time);
            await transfer.FetchAsync(from, (ulong)blocks, timeout.Token);
        }
        else
        {
            await using var client = new DeliverClient(fresh.Verifier, fresh.Committer, fresh.Store, [orderer], pool, blockOptions, new DeliverClientOptions(), time, new Random(seed));
            client.PointAt(from);
            client.Start();
            await fresh.Committer.WaitForHeightAsync((ulong)blocks, timeout.Token);
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>A peer's ledger of the benchmark channel: store, verifier, committer.</summary>
    private sealed class Ledger : IAsyncDisposable
    {
        private Ledger(BlockStore store, BlockVerifier verifier, BlockCommitter committer)
        {
            Store = store;
            Verifier = verifier;
            Committer = committer;
        }

        public BlockStore Store { get; }

        public BlockVerifier Verifier { get; }

        public BlockCommitter Committer { get; private set; }

        public CommittedLedger Deliverable => new(Store, Committer);

        public static async Task<Ledger> OpenAsync(string directory, TrustedOrderers trusted, BlockOptions options, TimeProvider time)
        {
            var store = await BlockStore.OpenAsync(directory, options, ct: CancellationToken.None);
            var verifier = new BlockVerifier(Channel, trusted, options.MaxBlockBytes);
            var committer = new BlockCommitter(verifier, store, options, time);
            committer.Start();
            return new Ledger(store, verifier, committer);
        }

        /// <summary>After blocks were appended to the store directly, a committer continuing from its new height.</summary>
        public async Task RestartCommitterAsync(TrustedOrderers trusted, BlockOptions options, TimeProvider time)
        {
            await Committer.DisposeAsync();
            Committer = new BlockCommitter(new BlockVerifier(Channel, trusted, options.MaxBlockBytes), Store, options, time);
            Committer.Start();
        }

        public async ValueTask DisposeAsync()
        {
            await Committer.DisposeAsync();
            await Store.DisposeAsync();
        }
    }
}
