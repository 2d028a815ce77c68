using System.Buffers;
using System.Threading.Channels;

namespace K8sGossip.Transport;

/// <summary>
/// A connection's outbound frames, bounded by count and bytes. Enqueueing never waits: it copies the frame into a
/// pooled buffer or refuses. The single sender drains it and releases each frame once written.
/// </summary>
internal sealed class BoundedSendQueue
{
    private readonly Channel<PooledFrame> _frames = Channel.CreateUnbounded<PooledFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly int _maxFrames;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;
    private bool _completed;

    public BoundedSendQueue(int maxFrames, long maxBytes)
    {
        _maxFrames = maxFrames;
        _maxBytes = maxBytes;
    }

    public ChannelReader<PooledFrame> Reader => _frames.Reader;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public bool TryEnqueue(ReadOnlyMemory<byte> frame)
    {
        lock (_gate)
        {
            if (_completed || _count >= _maxFrames || _bytes + frame.Length > _maxBytes)
            {
                return false;
            }

            _count++;
            _bytes += frame.Length;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.Span.CopyTo(buffer);
        var pooled = new PooledFrame(buffer, frame.Length);
        if (!_frames.Writer.TryWrite(pooled))
        {
            Release(pooled);
            return false;
        }

        return true;
    }

    /// <summary>Refuses new frames; frames already queued can still be drained.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }

        _frames.Writer.TryComplete();
    }

    public void Release(PooledFrame frame)
    {
        lock (_gate)
        {
            _count--;
            _bytes -= frame.Length;
        }

        ArrayPool<byte>.Shared.Return(frame.Buffer);
    }

    /// <summary>Drops whatever is still queued (the connection is gone).</summary>
    public void DropAll()
    {
        Complete();
        while (_frames.Reader.TryRead(out var frame))
        {
            Release(frame);
        }
    }
}

/// <summary>A queued frame in a buffer rented from the shared pool.</summary>
/// <param name="Buffer">The rented buffer (may be longer than the frame).</param>
/// <param name="Length">The frame length.</param>
internal readonly record struct PooledFrame(byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);
}
