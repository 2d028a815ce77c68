using System.Diagnostics;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Telemetry;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>One stream: from the committed height, verify each block against the chain, hand it to the committer
/// within the in-flight bound, and say how the stream ended.</summary>
public sealed partial class DeliverClient
{
    /// <summary>Blocks whose signatures are checked at once on other cores; their order is kept.</summary>
    private static readonly int VerifyParallelism = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Reads the stream: each block is decoded and its number and link checked in order (cheap), its data hash
    /// and signature are checked on the thread pool with a few blocks at once, and verified blocks are handed to the
    /// committer in order. Whatever is being verified is handed over as soon as no further block is buffered, so a
    /// follow stream at the head never holds a block back.</summary>
    private async Task<StreamOutcome> StreamAsync(BlockSourceEndpoint endpoint, CancellationToken ct)
    {
        var progress = new StreamProgress();
        var pending = new Queue<PendingBlock>();
        try
        {
            await DrainAsync(ct).ConfigureAwait(false);
            var tip = _store.Tip;
            var next = tip.Height;
            var lastHash = tip.LastHeaderHash;
            lock (_lock)
            {
                _serverHeight = null;
                if (_history.Count == 0 || _history[^1] != endpoint.Source)
                {
                    _history.Add(endpoint.Source);
                }
            }

            SetState(DeliverClientState.Connecting, endpoint, 0, null);
            Log.Streaming(_logger, Channel, endpoint.ToString(), next);
            var origin = endpoint.Source.Kind == DeliverSourceKind.Orderer ? BlockOrigin.Deliver : BlockOrigin.StateTransfer;
            var request = new DeliverRequest { Channel = Channel, Start = next, Follow = true };
            using var call = _channels.Get(endpoint.Address).ServerStreaming(DeliverMethods.Blocks, request, new CallOptions(CancellationToken: ct));
            var responses = call.ResponseStream;
            while (true)
            {
                var move = responses.MoveNext(ct);
                if (!move.IsCompleted && pending.Count > 0 &&
                    await HandOverAsync(endpoint, pending, 0, origin, progress, ct).ConfigureAwait(false) is { } stopped)
                {
                    return stopped;
                }

                if (!await move.ConfigureAwait(false))
                {
                    break;
                }

                var frame = responses.Current;
                if (frame.Status is { } status)
                {
                    ObserveServerHeight(endpoint, status.Height);
                    SetState(DeliverClientState.Streaming, endpoint, 0, null);
                    continue;
                }

                BlockRejection rejection;
                string? detail;
                EncodedBlock? block = null;
                if (frame.Malformed is { } malformed)
                {
                    (rejection, detail) = (BlockRejection.Malformed, malformed);
                }
                else
                {
                    rejection = EncodedBlock.TryDecode(frame.BlockBytes, _verifier.MaxBlockBytes, out block, out detail);
                    if (rejection == BlockRejection.None)
                    {
                        rejection = BlockVerifier.CheckLink(block!, next, lastHash.Span, out detail);
                    }
                }

                if (rejection != BlockRejection.None)
                {
                    // The blocks before the bad one are good (or say so themselves): hand them over first.
                    return await HandOverAsync(endpoint, pending, 0, origin, progress, ct).ConfigureAwait(false)
                        ?? BadBlock(endpoint, rejection, next, detail ?? string.Empty);
                }

                var decoded = block!;
                pending.Enqueue(new PendingBlock(decoded, Task.Run(() => _verifier.VerifyDecoded(decoded), ct)));
                lastHash = decoded.HeaderHash;
                next++;
                if (await HandOverAsync(endpoint, pending, VerifyParallelism, origin, progress, ct).ConfigureAwait(false) is { } failed)
                {
                    return failed;
                }
            }

            return await HandOverAsync(endpoint, pending, 0, origin, progress, ct).ConfigureAwait(false)
                ?? new StreamOutcome(OutcomeKind.Failed, progress.Progressed, "the source ended the stream", null);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
            return Interrupted(progress.Progressed);
        }
        catch (RpcException ex)
        {
            return new StreamOutcome(OutcomeKind.Failed, progress.Progressed, $"{ex.StatusCode}: {ex.Detail}", null);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return new StreamOutcome(OutcomeKind.Failed, progress.Progressed, ex.Message, null);
        }
    }

    /// <summary>Hands verified blocks to the committer in order until at most <paramref name="keep"/> are still being
    /// verified (and any already verified). Returns how the stream must end, or null to go on.</summary>
    private async Task<StreamOutcome?> HandOverAsync(
        BlockSourceEndpoint endpoint, Queue<PendingBlock> pending, int keep, BlockOrigin origin, StreamProgress progress, CancellationToken ct)
    {
        while (pending.Count > keep || (pending.Count > 0 && pending.Peek().Check.IsCompleted))
        {
            var item = pending.Dequeue();
            var verification = await item.Check.ConfigureAwait(false);
            var number = item.Block.Number;
            if (!verification.IsValid)
            {
                pending.Clear();
                return BadBlock(endpoint, verification.Rejection, number, verification.Detail ?? string.Empty);
            }

            // Flow control towards the committer: at most _maxInFlight blocks handed over and not yet durable.
            if (number >= _committer.CommittedHeight + (ulong)_maxInFlight)
            {
                await _committer.WaitForHeightAsync(number - (ulong)_maxInFlight + 1, ct).ConfigureAwait(false);
            }

            if (!await SubmitAsync(item.Block, origin, ct).ConfigureAwait(false) && number >= _committer.CommittedHeight)
            {
                pending.Clear();
                return _store.IsFaulted || _store.Corruption is not null
                    ? new StreamOutcome(OutcomeKind.Faulted, progress.Progressed, "the local block store failed; it must be reopened", null)
                    : new StreamOutcome(OutcomeKind.Failed, progress.Progressed, $"the committer refused block {number}", null);
            }

            progress.Progressed = true;
            Volatile.Write(ref _submittedNext, number + 1);
            Interlocked.Increment(ref _received);
            ObserveServerHeight(endpoint, number + 1);
        }

        return null;
    }

    /// <summary>Hands a verified block to the committer under a <c>block.deliver</c> span, a child of the block's trace
    /// (the orderer's cut), which the commit span and the gossip hops continue from.</summary>
    private async ValueTask<bool> SubmitAsync(EncodedBlock block, BlockOrigin origin, CancellationToken ct)
    {
        using var span = BlockTracing.StartChild(SpanNames.Deliver, ActivityKind.Consumer, block.Block.Metadata.Traceparent, null, Channel, block.Number);
        span?.SetTag(SpanAttributes.Source, origin == BlockOrigin.Deliver ? "orderer" : "peer");
        span?.SetTag(SpanAttributes.Bytes, (long)block.Size);
        return await _committer.SubmitAsync(block.Number, block.Bytes, origin, ct).ConfigureAwait(false);
    }

    private StreamOutcome Interrupted(bool progressed)
    {
        lock (_lock)
        {
            return _switchRequested && !_stop.IsCancellationRequested
                ? new StreamOutcome(OutcomeKind.Switched, progressed, null, null)
                : new StreamOutcome(OutcomeKind.Stopped, progressed, null, null);
        }
    }

    /// <summary>Waits until every block handed to the committer is durable, so the next stream starts right after it.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        var submitted = Volatile.Read(ref _submittedNext);
        if (submitted <= _committer.CommittedHeight)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.DrainTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await _committer.WaitForHeightAsync(submitted, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Log.DrainTimedOut(_logger, Channel, submitted, _committer.CommittedHeight);
        }
    }

    private StreamOutcome BadBlock(BlockSourceEndpoint endpoint, BlockRejection reason, ulong number, string detail)
    {
        var count = Rejections.Increment(reason);
        Log.BadBlock(_logger, Channel, number, endpoint.ToString(), reason, detail, count);
        return new StreamOutcome(OutcomeKind.Failed, false, $"served block {number} that failed verification: {reason} ({detail})", reason);
    }

    /// <summary>A block whose content check is running.</summary>
    private sealed record PendingBlock(EncodedBlock Block, Task<BlockVerification> Check);

    /// <summary>Whether the current stream has handed over a block (a failure after progress restarts the backoff).</summary>
    private sealed class StreamProgress
    {
        public bool Progressed { get; set; }
    }
}
