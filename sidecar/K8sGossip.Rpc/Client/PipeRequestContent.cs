using System.IO.Pipelines;
using System.Net;

namespace K8sGossip.Rpc.Client;

/// <summary>
/// A request body fed from a pipe while the call runs. Each read drains everything the writer has flushed so far,
/// so messages written in a burst leave in as few DATA frames and socket writes as possible.
/// </summary>
internal sealed class PipeRequestContent : HttpContent
{
    private readonly PipeReader _reader;

    public PipeRequestContent(PipeReader reader)
    {
        _reader = reader;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        try
        {
            // SocketsHttpHandler holds back the HEADERS frame of a request with a body until the body is flushed;
            // a streaming call must reach the server before its first message, so flush the headers now.
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                }

                if (!buffer.IsEmpty)
                {
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                _reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            await _reader.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
