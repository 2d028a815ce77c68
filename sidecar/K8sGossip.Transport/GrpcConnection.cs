using System.Threading.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Rpc;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Transport;

/// <summary>
/// What inbound and outbound gossip connections share: the bounded send queue and its sender loop, the receive
/// loop, and a dispatcher that hands events to the engine's handler in order, one at a time, never under a lock.
/// </summary>
internal abstract partial class GrpcConnection : ITransportConnection
{
    private static long s_nextId;

    private readonly Channel<ReadOnlyMemory<byte>> _received;
    private readonly TaskCompletionSource<bool> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IConnectionHandler> _handler = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private ITimer? _closeTimer;
    private string? _closeReason;

    protected GrpcConnection(string remoteAddress, bool isOutbound, GrpcTransportOptions options, ReadOnlyMemory<byte> localCertificateHash, ILogger logger)
    {
        Id = Interlocked.Increment(ref s_nextId);
        RemoteAddress = remoteAddress;
        IsOutbound = isOutbound;
        Options = options;
        LocalCertificateHash = localCertificateHash;
        _logger = logger;
        SendQueue = new BoundedSendQueue(options.SendQueueMaxFrames, options.SendQueueMaxBytes);
        _received = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(options.ReceiveBufferFrames)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _ = DispatchAsync();
    }

    public long Id { get; }

    public string RemoteAddress { get; }

    public bool IsOutbound { get; }

    public ReadOnlyMemory<byte> LocalTlsCertificateHash => _opened.Task.IsCompletedSuccessfully && _opened.Task.Result ? LocalCertificateHash : ReadOnlyMemory<byte>.Empty;

    public ReadOnlyMemory<byte> RemoteTlsCertificateHash => _opened.Task.IsCompletedSuccessfully && _opened.Task.Result ? RemoteCertificateHash : ReadOnlyMemory<byte>.Empty;

    private bool _closedLocally;

    /// <summary>True once this side called Close or aborted: received frames not yet delivered are discarded.</summary>
    private bool ClosedLocally => Volatile.Read(ref _closedLocally);

    /// <summary>True once Close ran or the stream ended; no more frames are accepted.</summary>
    public bool IsClosed => Volatile.Read(ref _closeReason) is not null;

    protected GrpcTransportOptions Options { get; }

    protected ILogger Logger => _logger;

    protected BoundedSendQueue SendQueue { get; }

    protected ReadOnlyMemory<byte> LocalCertificateHash { get; }

    protected ReadOnlyMemory<byte> RemoteCertificateHash { get; set; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>Cancelled to tear the stream down hard: after the close timeout, or when the transport is disposed.</summary>
    protected CancellationTokenSource Abort { get; } = new();

    public void Start(IConnectionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handler.TrySetResult(handler))
        {
            throw new InvalidOperationException("Start was already called on this connection.");
        }

        OnStarted();
    }

    public bool TrySend(ReadOnlyMemory<byte> frame) =>
        frame.Length <= Options.MaxFrameBytes && !IsClosed && SendQueue.TryEnqueue(frame);

    public void Close(string reason)
    {
        Volatile.Write(ref _closedLocally, true);
        CloseCore(reason);
    }

    /// <summary>Tears the stream down at once: transport disposal (local) or a reset by the remote.</summary>
    internal void AbortNow(string reason, bool local = true)
    {
        if (local)
        {
            Volatile.Write(ref _closedLocally, true);
        }

        CloseCore(reason);
        CancelAbort();
    }

    /// <summary>Runs once the engine called Start.</summary>
    protected abstract void OnStarted();

    /// <summary>The session is up: certificate hashes are set; the handler gets OnOpened.</summary>
    protected void MarkOpened() => _opened.TrySetResult(true);

    /// <summary>Completes when the session opens (true) or closes before it did (false).</summary>
    protected Task<bool> OpenedOrClosed => _opened.Task;

    /// <summary>
    /// Marks the connection closed (first reason wins) and starts an orderly shutdown: queued frames drain, then
    /// the stream ends; after <see cref="GrpcTransportOptions.CloseTimeout"/> it is reset instead.
    /// </summary>
    protected void CloseCore(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        LogClosing(Id, RemoteAddress, reason);
        _opened.TrySetResult(false);
        SendQueue.Complete();
        _received.Writer.TryComplete();
        _closeTimer = Options.TimeProvider.CreateTimer(static state => ((GrpcConnection)state!).CancelAbort(), this, Options.CloseTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes queued frames until the queue is completed and empty; flushes once per batch.</summary>
    protected async Task SendLoopAsync(IAsyncStreamWriter<ReadOnlyMemory<byte>> writer, CancellationToken cancellationToken)
    {
        var reader = SendQueue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        writer.Write(frame.Memory);
                    }
                    finally
                    {
                        SendQueue.Release(frame);
                    }
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            SendQueue.DropAll();
        }
    }

    /// <summary>Reads frames until the remote ends its stream; frames after a local close are discarded.</summary>
    protected async Task ReceiveLoopAsync(IAsyncStreamReader<ReadOnlyMemory<byte>> reader, CancellationToken cancellationToken)
    {
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            if (IsClosed)
            {
                continue;
            }

            try
            {
                await _received.Writer.WriteAsync(reader.Current, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // Closed locally while waiting for room: the frame is dropped, as are later ones.
            }
        }
    }

    /// <summary>Releases timers and the abort source once both loops have ended.</summary>
    protected void ReleaseResources()
    {
        _closeTimer?.Dispose();
        Abort.Dispose();
    }

    private void CancelAbort()
    {
        try
        {
            Abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    private async Task DispatchAsync()
    {
        var handler = await _handler.Task.ConfigureAwait(false);
        try
        {
            if (await _opened.Task.ConfigureAwait(false))
            {
                handler.OnOpened(this);
                // After a local close nothing more is delivered; after a remote close (the stream ended) the frames
                // that arrived before the end are still delivered: the channel is completed, so the loop drains and stops.
                var reader = _received.Reader;
                while (!ClosedLocally && await reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (!ClosedLocally && reader.TryRead(out var frame))
                    {
                        handler.OnFrame(this, frame);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            LogHandlerFailed(Id, RemoteAddress, ex);
            CloseCore("connection handler failed: " + ex.GetType().Name);
        }

        try
        {
            handler.OnClosed(this, Volatile.Read(ref _closeReason) ?? "closed");
        }
        catch (Exception ex)
        {
            LogHandlerFailed(Id, RemoteAddress, ex);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Gossip connection {Id} to {Remote} closing: {Reason}")]
    private partial void LogClosing(long id, string remote, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Connection handler of gossip connection {Id} to {Remote} threw; closing the connection")]
    private partial void LogHandlerFailed(long id, string remote, Exception exception);
}
