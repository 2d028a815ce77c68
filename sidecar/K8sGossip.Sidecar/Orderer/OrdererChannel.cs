using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Telemetry;
using K8sGossip.Sidecar.Deliver;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Orderer;

/// <summary>
/// One channel of the solo orderer: envelopes go through the <see cref="BlockCutter"/>; each cut batch becomes the next
/// block (number = height, linked to the previous header hash, data hash, orderer signature, trace context) and is
/// appended durably by one writer loop (blocks cut meanwhile share one fsync). A submission is acknowledged only once
/// the block holding it is durable; Deliver sees a block only then too. Reopening resumes at the store's height.
/// </summary>
internal sealed partial class OrdererChannel : IDeliverLedger, IAsyncDisposable
{
    private const int MaxBlocksPerAppend = 64;

    private readonly BlockSigner _signer;
    private readonly BlockCutter _cutter;
    private readonly SoloOrdererOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource<ulong>> _pendingAcks = new();
    private readonly Channel<CutBlock> _toWrite = System.Threading.Channels.Channel.CreateUnbounded<CutBlock>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _inFlight;
    private readonly LedgerHeightSignal _height;
    private readonly ITimer _batchTimer;
    private ulong _nextNumber;
    private ReadOnlyMemory<byte> _lastHash;
    private string? _fault;
    private Task _writer = Task.CompletedTask;

    private OrdererChannel(string name, BlockStore store, BlockSigner signer, SoloOrdererOptions options, TimeProvider time, ILogger logger)
    {
        Name = name;
        Store = store;
        _signer = signer;
        _options = options;
        _time = time;
        _logger = logger;
        _cutter = new BlockCutter(options.Batch, time);
        _inFlight = new SemaphoreSlim(options.MaxBlocksInFlight, options.MaxBlocksInFlight);
        var tip = store.Tip;
        _nextNumber = tip.Height;
        _lastHash = tip.LastHeaderHash;
        _height = new LedgerHeightSignal(tip.Height);
        _batchTimer = time.CreateTimer(static state => ((OrdererChannel)state!).OnBatchTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The channel name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public BlockStore Store { get; }

    /// <inheritdoc />
    public ulong Height => _height.Height;

    /// <summary>Opens the channel's store (recovering it) and starts the writer.</summary>
    public static async Task<OrdererChannel> OpenAsync(string name, BlockSigner signer, SoloOrdererOptions options, TimeProvider time, ILoggerFactory? loggers, CancellationToken ct)
    {
        var store = await BlockStore.OpenAsync(Path.Combine(options.DataDirectory, name), options.Blocks, loggers?.CreateLogger<BlockStore>(), ct).ConfigureAwait(false);
        if (store.Corruption is { } corruption)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The orderer's store of channel '{name}' is damaged at block {corruption.BlockNumber} ({corruption.Cause}); repair it before ordering more blocks.");
        }

        var channel = new OrdererChannel(name, store, signer, options, time, (ILogger?)loggers?.CreateLogger<OrdererChannel>() ?? NullLogger.Instance);
        channel._writer = Task.Run(() => channel.WriteAsync(), CancellationToken.None);
        Log.Opened(channel._logger, name, store.Height);
        return channel;
    }

    /// <inheritdoc />
    public Task WaitForHeightAsync(ulong height, CancellationToken ct) => _height.WaitForHeightAsync(height, ct);

    /// <summary>Orders one envelope; completes with the height at which the block holding it became durable.</summary>
    public Task<ulong> SubmitAsync(byte[] envelope, CancellationToken ct)
    {
        var ack = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            ThrowIfFaulted();
            _pendingAcks.Enqueue(ack);
            foreach (var batch in _cutter.Add(envelope))
            {
                Seal(batch);
            }

            ArmBatchTimer();
        }

        return ack.Task.WaitAsync(ct);
    }

    /// <summary>Cuts a block of one entry at once, bypassing the batch (the generator); waits while too many blocks are
    /// not yet durable. Completes with the block's number once it is handed to the writer.</summary>
    public async Task<ulong> AppendGeneratedAsync(ByteString entry, CancellationToken ct)
    {
        await _inFlight.WaitAsync(ct).ConfigureAwait(false);
        lock (_lock)
        {
            try
            {
                ThrowIfFaulted();
            }
            catch
            {
                _inFlight.Release();
                throw;
            }

            return Seal(entry, [], throttled: true);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _batchTimer.DisposeAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _fault ??= "the orderer is shutting down";
            while (_pendingAcks.TryDequeue(out var ack))
            {
                ack.TrySetException(new InvalidOperationException(_fault));
            }
        }

        _toWrite.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        _inFlight.Dispose();
    }

    private void OnBatchTimeout()
    {
        lock (_lock)
        {
            if (_fault is not null)
            {
                return;
            }

            if (_cutter.CutIfDue() is { } batch)
            {
                Seal(batch);
            }

            ArmBatchTimer();
        }
    }

    /// <summary>Keeps the timer set for the pending batch's deadline (or off when nothing is pending). Under the lock.</summary>
    private void ArmBatchTimer()
    {
        if (_cutter.Deadline is { } deadline)
        {
            var due = deadline - _time.GetUtcNow();
            _batchTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _batchTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Turns a cut batch into a block; its envelopes' acknowledgements are the oldest pending ones, since the
    /// cutter keeps submission order. Under the lock.</summary>
    private void Seal(IReadOnlyList<byte[]> batch)
    {
        var acks = new TaskCompletionSource<ulong>[batch.Count];
        for (var i = 0; i < acks.Length; i++)
        {
            acks[i] = _pendingAcks.Dequeue();
        }

        Seal(batch.Select(ByteString.CopyFrom), acks, throttled: false);
    }

    private ulong Seal(ByteString entry, TaskCompletionSource<ulong>[] acks, bool throttled) => Seal([entry], acks, throttled);

    /// <summary>Signs the next block and queues it for the writer. Under the lock, so numbers and links are sequential.</summary>
    private ulong Seal(IEnumerable<ByteString> entries, TaskCompletionSource<ulong>[] acks, bool throttled)
    {
        // Each block is the root of its own trace, whatever the submitter's context: a block batches many submissions.
        var outer = Activity.Current;
        Activity.Current = null;
        try
        {
            using var activity = GossipTelemetry.Source.StartActivity(SpanNames.Cut, ActivityKind.Producer);
            activity?.SetTag(SpanAttributes.Channel, Name);
            activity?.SetTag(SpanAttributes.BlockNumber, (long)_nextNumber);
            var block = _signer.Create(Name, _nextNumber, _lastHash.Span, entries, activity?.Id ?? string.Empty);
            activity?.SetTag(SpanAttributes.Bytes, (long)block.Size);
            return Queue(block, acks, throttled);
        }
        finally
        {
            Activity.Current = outer;
        }
    }

    private ulong Queue(EncodedBlock block, TaskCompletionSource<ulong>[] acks, bool throttled)
    {
        GossipMetrics.BlockCut(Name);
        _nextNumber++;
        _lastHash = block.HeaderHash;
        _toWrite.Writer.TryWrite(new CutBlock(block, acks, throttled));
        return block.Number;
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new InvalidOperationException(fault);
        }
    }

    /// <summary>The writer: appends whatever has been cut with one fsync, then publishes the height and acknowledges.</summary>
    private async Task WriteAsync()
    {
        var reader = _toWrite.Reader;
        var batch = new List<CutBlock>(MaxBlocksPerAppend);
        var blocks = new List<EncodedBlock>(MaxBlocksPerAppend);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBlocksPerAppend && reader.TryRead(out var cut))
            {
                batch.Add(cut);
                blocks.Add(cut.Block);
            }

            string? failure = null;
            try
            {
                var result = await Store.AppendBatchAsync(blocks, CancellationToken.None).ConfigureAwait(false);
                if (result != BlockRejection.None)
                {
                    failure = $"the block store refused block {blocks[0].Number}: {result}";
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                failure = $"the block store failed: {ex.Message}";
            }

            if (failure is null)
            {
                _height.Publish(blocks[^1].Number + 1);
            }
            else
            {
                Fail(failure);
            }

            foreach (var cut in batch)
            {
                foreach (var ack in cut.Acks)
                {
                    if (failure is null)
                    {
                        ack.TrySetResult(cut.Block.Number + 1);
                    }
                    else
                    {
                        ack.TrySetException(new InvalidOperationException(failure));
                    }
                }

                if (cut.Throttled)
                {
                    _inFlight.Release();
                }
            }

            batch.Clear();
            blocks.Clear();
        }
    }

    private void Fail(string failure)
    {
        lock (_lock)
        {
            if (_fault is null)
            {
                _fault = failure;
                Log.Failed(_logger, Name, failure);
            }
        }
    }

    private sealed record CutBlock(EncodedBlock Block, TaskCompletionSource<ulong>[] Acks, bool Throttled);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Orderer channel {Channel} opened at height {Height}")]
        public static partial void Opened(ILogger logger, string channel, ulong height);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Critical, Message = "Orderer channel {Channel} stopped ordering: {Failure}")]
        public static partial void Failed(ILogger logger, string channel, string failure);
    }
}
