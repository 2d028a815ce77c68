using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>
/// Fabric's state transfer, reproduced over Deliver as the <c>fabric-defaults</c> baseline of the catch-up benchmark:
/// ask one source for a range of <c>batchSize</c> blocks, wait for the whole answer (up to a response timeout, with a
/// few retries), then ask for the next range. One request at a time, so every batch costs a round trip.
/// Blocks are verified like every other path before they reach the committer.
/// </summary>
public sealed partial class StopAndWaitTransfer
{
    private readonly DeliverChannelPool _channels;
    private readonly BlockVerifier _verifier;
    private readonly BlockCommitter _committer;
    private readonly BlockStore _store;
    private readonly int _batchSize;
    private readonly TimeSpan _responseTimeout;
    private readonly int _maxRetries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a transfer with Fabric's defaults unless told otherwise: 10 blocks per request, a 3 s
    /// response timeout and 3 retries.</summary>
    public StopAndWaitTransfer(
        DeliverChannelPool channels,
        BlockVerifier verifier,
        BlockCommitter committer,
        BlockStore store,
        TimeProvider time,
        int batchSize = 10,
        TimeSpan? responseTimeout = null,
        int maxRetries = 3,
        ILogger<StopAndWaitTransfer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _channels = channels;
        _verifier = verifier;
        _committer = committer;
        _store = store;
        _time = time;
        _batchSize = batchSize;
        _responseTimeout = responseTimeout ?? TimeSpan.FromSeconds(3);
        _maxRetries = maxRetries;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Blocks refused by verification, by reason.</summary>
    public BlockRejectionCounters Rejections { get; } = new();

    /// <summary>Requests sent so far.</summary>
    public long Requests { get; private set; }

    /// <summary>Fetches blocks from the committed height up to <paramref name="targetHeight"/> from
    /// <paramref name="source"/> and waits until they are committed. Returns the committed height; throws
    /// <see cref="RpcException"/> when a range still fails after the retries.</summary>
    public async Task<ulong> FetchAsync(BlockSourceEndpoint source, ulong targetHeight, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tip = _store.Tip;
        var next = Math.Max(tip.Height, _committer.CommittedHeight);
        var lastHash = tip.LastHeaderHash;
        var origin = source.Source.Kind == DeliverSourceKind.Orderer ? BlockOrigin.Deliver : BlockOrigin.StateTransfer;
        while (next < targetHeight)
        {
            var stop = Math.Min(targetHeight - 1, next + (ulong)_batchSize - 1);
            var batch = await RequestWithRetriesAsync(source, next, stop, lastHash, ct).ConfigureAwait(false);

            // Like Fabric's payload buffer (two batches): received blocks wait for the ledger before more are handed over.
            var bufferedUpTo = next + (ulong)batch.Count;
            var buffer = (ulong)(2 * _batchSize);
            if (bufferedUpTo > _committer.CommittedHeight + buffer)
            {
                await _committer.WaitForHeightAsync(bufferedUpTo - buffer, ct).ConfigureAwait(false);
            }

            foreach (var block in batch)
            {
                if (!await _committer.SubmitAsync(block.Number, block.Bytes, origin, ct).ConfigureAwait(false) && block.Number >= _committer.CommittedHeight)
                {
                    throw new InvalidOperationException($"The committer of channel '{_verifier.Channel}' refused block {block.Number}; see its rejection counters.");
                }
            }

            next += (ulong)batch.Count;
            lastHash = batch[^1].HeaderHash;
        }

        await _committer.WaitForHeightAsync(targetHeight, ct).ConfigureAwait(false);
        return _committer.CommittedHeight;
    }

    private async Task<List<EncodedBlock>> RequestWithRetriesAsync(BlockSourceEndpoint source, ulong start, ulong stop, ReadOnlyMemory<byte> lastHash, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await RequestAsync(source, start, stop, lastHash, ct).ConfigureAwait(false);
            }
            catch (RpcException ex) when (attempt < _maxRetries && !ct.IsCancellationRequested)
            {
                Log.Retrying(_logger, _verifier.Channel, start, stop, source.ToString(), ex.StatusCode, ex.Detail);
            }
        }
    }

    /// <summary>One request and its whole answer: blocks start..stop in order, each verified and linked.</summary>
    private async Task<List<EncodedBlock>> RequestAsync(BlockSourceEndpoint source, ulong start, ulong stop, ReadOnlyMemory<byte> lastHash, CancellationToken ct)
    {
        Requests++;
        var request = new DeliverRequest { Channel = _verifier.Channel, Start = start, Stop = stop };
        var deadline = _time.GetUtcNow() + _responseTimeout;
        using var call = _channels.Get(source.Address).ServerStreaming(DeliverMethods.Blocks, request, new CallOptions(Deadline: deadline, CancellationToken: ct));
        var blocks = new List<EncodedBlock>(_batchSize);
        var expected = start;
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            var frame = call.ResponseStream.Current;
            if (frame.Status is not null)
            {
                continue;
            }

            var verification = frame.Malformed is { } malformed
                ? BlockVerification.Refused(BlockRejection.Malformed, malformed)
                : _verifier.Verify(frame.BlockBytes, expected, lastHash.Span);
            if (!verification.IsValid)
            {
                Rejections.Increment(verification.Rejection);
                throw new RpcException(StatusCode.DataLoss, $"{source} served block {expected} that failed verification: {verification.Rejection} ({verification.Detail})");
            }

            blocks.Add(verification.Block!);
            lastHash = verification.Block!.HeaderHash;
            expected++;
        }

        if (blocks.Count == 0)
        {
            throw new RpcException(StatusCode.OutOfRange, $"{source} answered blocks {start}..{stop} with none");
        }

        return blocks;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5131, Level = LogLevel.Warning,
            Message = "Channel {Channel}: state transfer of blocks {Start}..{Stop} from {Source} failed ({Code}: {Detail}); retrying")]
        public static partial void Retrying(ILogger logger, string channel, ulong start, ulong stop, string source, StatusCode code, string detail);
    }
}
