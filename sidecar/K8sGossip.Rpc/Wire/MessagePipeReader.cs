using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace K8sGossip.Rpc.Wire;

/// <summary>Reads length-prefixed messages from a pipe and deserializes them straight from the pipe's buffers.</summary>
/// <typeparam name="T">The message type.</typeparam>
internal sealed class MessagePipeReader<T>
{
    private readonly PipeReader _reader;
    private readonly Marshaller<T> _marshaller;
    private readonly int _maxReceiveSize;
    private bool _completed;

    public MessagePipeReader(PipeReader reader, Marshaller<T> marshaller, int maxReceiveSize)
    {
        _reader = reader;
        _marshaller = marshaller;
        _maxReceiveSize = maxReceiveSize;
    }

    /// <summary>The last message read.</summary>
    public T Current { get; private set; } = default!;

    /// <summary>Reads the next message; false once the stream has ended cleanly.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return false;
        }

        while (true)
        {
            ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool framed;
            try
            {
                framed = MessageFraming.TryRead(ref buffer, _maxReceiveSize, out var payload);
                if (framed)
                {
                    Current = Deserialize(payload);
                }
            }
            catch
            {
                _reader.AdvanceTo(result.Buffer.Start);
                throw;
            }

            if (framed)
            {
                _reader.AdvanceTo(buffer.Start);
                return true;
            }

            if (result.IsCanceled)
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
                throw new OperationCanceledException("The pending read was cancelled.");
            }

            if (result.IsCompleted)
            {
                long leftover = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                _completed = true;
                if (leftover > 0)
                {
                    throw new RpcException(StatusCode.Internal, $"The stream ended inside a message ({leftover} bytes left over).");
                }

                return false;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private T Deserialize(System.Buffers.ReadOnlySequence<byte> payload)
    {
        try
        {
            return _marshaller.Deserialize(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new RpcStatus(StatusCode.Internal, "Failed to deserialize a message: " + ex.Message), ex);
        }
    }
}
