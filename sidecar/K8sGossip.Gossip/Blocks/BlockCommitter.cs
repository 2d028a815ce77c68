using System.Diagnostics;
using System.Threading.Channels;
using K8sGossip.Gossip.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// The path of every block of one channel into the ledger: verify → reorder → group-commit to the store → notify.
/// Producers hand blocks over without waiting (<see cref="TrySubmit"/>, for callers that hold a node's gate) or with
/// back-pressure (<see cref="SubmitAsync"/>, for state transfer and deliver); one loop does the verifying and the
/// I/O, so the protocol side never blocks on a disk.
/// </summary>
public sealed partial class BlockCommitter : IAsyncDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly BlockVerifier _verifier;
    private readonly BlockStore _store;
    private readonly BlockOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Submission> _queue;
    private readonly ReorderBuffer _buffer;
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _lastLogged = new long[Enum.GetValues<BlockRejection>().Length];
    private readonly Lock _waitersLock = new();
    private readonly List<(ulong Height, TaskCompletionSource Done)> _waiters = [];
    private ReadOnlyMemory<byte> _releasedTip;
    private ulong _committedHeight;
    private long _evictionsCounted;
    private Task _loop = Task.CompletedTask;
    private volatile bool _faulted;

    /// <summary>Creates a committer that continues the chain in <paramref name="store"/>.</summary>
    public BlockCommitter(BlockVerifier verifier, BlockStore store, BlockOptions options, TimeProvider time, ILogger<BlockCommitter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        _verifier = verifier;
        _store = store;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _queue = System.Threading.Channels.Channel.CreateBounded<Submission>(new BoundedChannelOptions(options.CommitQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var tip = store.Tip;
        _committedHeight = tip.Height;
        _releasedTip = tip.LastHeaderHash;
        _buffer = new ReorderBuffer(tip.Height, options);
    }

    /// <summary>The channel whose blocks this committer takes.</summary>
    public string Channel => _verifier.Channel;

    /// <summary>How many blocks are durable (the next block number to commit).</summary>
    public ulong CommittedHeight => Volatile.Read(ref _committedHeight);

    /// <summary>Refused blocks by reason.</summary>
    public BlockRejectionCounters Rejections { get; } = new();

    /// <summary>Raised on the commit loop for every block once it is durable, in chain order, exactly once. A handler
    /// that needs a node's gate must hop onto it (NodeContext.Run) and must not block.</summary>
    public event Action<CommittedBlock>? Committed;

    /// <summary>Raised for every refused block (reason, sequence number) on the thread that refused it, after it is
    /// counted; for metrics and for peers' misbehaviour scores. Must not block.</summary>
    public event Action<BlockRejection, ulong>? Rejected;

    /// <summary>Starts the commit loop.</summary>
    public void Start()
    {
        if (_loop.IsCompleted)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Hands over block <paramref name="seq"/> without waiting. False when it is refused at once (below the
    /// committed height, beyond the window, too large, the queue full, or the store failed); the refusal is counted.
    /// The span current now (the one the block arrived under) becomes the parent of its commit span.</summary>
    public bool TrySubmit(ulong seq, ReadOnlyMemory<byte> bytes, BlockOrigin source)
    {
        if (!PreCheck(seq, bytes, source))
        {
            return false;
        }

        if (_queue.Writer.TryWrite(new Submission(seq, bytes, source, BlockTracing.CurrentContext())))
        {
            return true;
        }

        Reject(BlockRejection.Overflow, seq, source, "commit queue is full");
        return false;
    }

    /// <summary>Hands over block <paramref name="seq"/>, waiting for room in the queue (back-pressure for state
    /// transfer and deliver). Returns false when it is refused at once.</summary>
    public async ValueTask<bool> SubmitAsync(ulong seq, ReadOnlyMemory<byte> bytes, BlockOrigin source, CancellationToken ct)
    {
        if (!PreCheck(seq, bytes, source))
        {
            return false;
        }

        await _queue.Writer.WriteAsync(new Submission(seq, bytes, source, BlockTracing.CurrentContext()), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Completes when <see cref="CommittedHeight"/> reaches <paramref name="height"/>.</summary>
    public Task WaitForHeightAsync(ulong height, CancellationToken ct)
    {
        lock (_waitersLock)
        {
            if (CommittedHeight >= height)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((height, done));
            return done.Task.WaitAsync(ct);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private bool PreCheck(ulong seq, ReadOnlyMemory<byte> bytes, BlockOrigin source)
    {
        if (_faulted)
        {
            Reject(BlockRejection.StorageFault, seq, source, "the block store failed; it must be reopened");
            return false;
        }

        var height = CommittedHeight;
        if (seq < height)
        {
            Reject(BlockRejection.Duplicate, seq, source, $"below the committed height {height}");
            return false;
        }

        if (seq - height >= (ulong)_options.ReorderWindow)
        {
            Reject(BlockRejection.Gap, seq, source, $"beyond the window of {_options.ReorderWindow} above height {height}");
            return false;
        }

        if (bytes.Length > _options.MaxBlockBytes)
        {
            Reject(BlockRejection.Oversize, seq, source, $"{bytes.Length} bytes exceed {_options.MaxBlockBytes}");
            return false;
        }

        return true;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        var batch = new List<EncodedBlock>(_options.CommitMaxBatchBlocks);
        try
        {
            while (true)
            {
                while (batch.Count < _options.CommitMaxBatchBlocks && reader.TryRead(out var submission))
                {
                    Accept(submission);
                    Release(batch);
                }

                // Consecutive blocks left in the buffer by a full batch go into the next one without waiting.
                Release(batch);
                if (batch.Count > 0)
                {
                    await CommitAsync(batch, ct).ConfigureAwait(false);
                    batch.Clear();
                    continue;
                }

                if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping; whatever was not made durable is fetched again after a restart.
        }
#pragma warning disable CA1031 // The loop must not die silently: the failure is logged and later submissions are refused.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _faulted = true;
            Log.LoopFailed(_logger, Channel, ex);
        }
    }

    /// <summary>Verifies a submission and offers it to the reorder buffer; a block the buffer no longer wants is
    /// refused before the (costly) signature check.</summary>
    private void Accept(Submission submission)
    {
        if (_faulted)
        {
            Reject(BlockRejection.StorageFault, submission.Seq, submission.Source, "the block store failed; it must be reopened");
            return;
        }

        if (submission.Seq < _buffer.Next || _buffer.IsWaiting(submission.Seq))
        {
            Reject(BlockRejection.Duplicate, submission.Seq, submission.Source, $"already committed or waiting (next is {_buffer.Next})");
            return;
        }

        var verification = _verifier.Verify(submission.Bytes);
        if (!verification.IsValid)
        {
            Reject(verification.Rejection, submission.Seq, submission.Source, verification.Detail ?? string.Empty);
            return;
        }

        var block = verification.Block!;
        if (block.Number != submission.Seq)
        {
            Reject(BlockRejection.SequenceMismatch, submission.Seq, submission.Source, $"it holds block {block.Number}");
            return;
        }

        var offered = _buffer.Offer(block);
        if (offered != BlockRejection.None)
        {
            Reject(offered, submission.Seq, submission.Source, $"reorder buffer at {_buffer.Next} holds {_buffer.Count} blocks, {_buffer.Bytes} bytes");
        }
        else if (submission.Trace != default)
        {
            _arrivals[submission.Seq] = submission.Trace;
        }

        var evicted = _buffer.Evicted - _evictionsCounted;
        if (evicted > 0)
        {
            _evictionsCounted = _buffer.Evicted;
            Rejections.Add(BlockRejection.Overflow, evicted);
        }
    }

    /// <summary>Moves consecutive blocks whose links hold from the buffer into <paramref name="batch"/>.</summary>
    private void Release(List<EncodedBlock> batch)
    {
        while (!_faulted && batch.Count < _options.CommitMaxBatchBlocks && _buffer.TryTakeNext(out var block))
        {
            var link = BlockVerifier.CheckLink(block, _buffer.Next, _releasedTip.Span, out var detail);
            if (link != BlockRejection.None)
            {
                Reject(link, block.Number, "the reorder buffer", detail ?? string.Empty);
                continue;
            }

            _buffer.Advance();
            _releasedTip = block.HeaderHash;
            batch.Add(block);
        }
    }

    private async Task CommitAsync(List<EncodedBlock> batch, CancellationToken ct)
    {
        var started = _time.GetUtcNow();
        BlockRejection result;
        try
        {
            result = await _store.AppendBatchAsync(batch, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Log.StoreFailed(_logger, Channel, ex);
            result = BlockRejection.StorageFault;
        }

        if (result != BlockRejection.None)
        {
            // The released tip ran ahead of the store; nothing more can be committed safely until it is reopened.
            _faulted = true;
            foreach (var block in batch)
            {
                Reject(result, block.Number, "the commit batch", "the block store did not take the batch");
            }

            return;
        }

        var height = batch[^1].Number + 1;
        Volatile.Write(ref _committedHeight, height);
        var now = _time.GetUtcNow();
        foreach (var block in batch)
        {
            var arrival = Observe(block, started, now);
            Notify(new CommittedBlock(block, block.Number + 1) { Trace = arrival });
        }

        ForgetArrivalsBelow(height);
        CompleteWaiters(height);
    }

    /// <summary>Tells each observer separately, so one failing observer neither stops commits nor starves the others.</summary>
    private void Notify(CommittedBlock committed)
    {
        if (Committed is not { } observers)
        {
            return;
        }

        foreach (var observer in observers.GetInvocationList())
        {
            try
            {
                ((Action<CommittedBlock>)observer)(committed);
            }
#pragma warning disable CA1031 // An observer's failure must not stop commits; it is logged with its cause.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ObserverFailed(_logger, Channel, committed.Number, ex);
            }
        }
    }

    private void CompleteWaiters(ulong height)
    {
        lock (_waitersLock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Height <= height)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private readonly record struct Submission(ulong Seq, ReadOnlyMemory<byte> Bytes, BlockOrigin Source, ActivityContext Trace);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2121, Level = LogLevel.Warning,
            Message = "Channel {Channel}: refused block {Seq} from {Source}: {Reason} ({Detail}); {Count} refused for this reason so far")]
        public static partial void Refused(ILogger logger, string channel, ulong seq, string source, BlockRejection reason, string detail, long count);

        [LoggerMessage(EventId = 2122, Level = LogLevel.Debug,
            Message = "Channel {Channel}: skipped block {Seq} from {Source}: {Reason} ({Detail}); {Count} skipped for this reason so far")]
        public static partial void Skipped(ILogger logger, string channel, ulong seq, string source, BlockRejection reason, string detail, long count);

        [LoggerMessage(EventId = 2123, Level = LogLevel.Error, Message = "Channel {Channel}: the block store failed; commits stop until it is reopened")]
        public static partial void StoreFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(EventId = 2125, Level = LogLevel.Critical, Message = "Channel {Channel}: the commit loop stopped on an unexpected error; no more blocks are committed")]
        public static partial void LoopFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(EventId = 2124, Level = LogLevel.Error, Message = "Channel {Channel}: an observer of committed block {Number} failed")]
        public static partial void ObserverFailed(ILogger logger, string channel, ulong number, Exception exception);
    }
}
