using System.IO.Pipelines;
using K8sGossip.Rpc.Wire;
using Microsoft.AspNetCore.Http;

namespace K8sGossip.Rpc.Server;

/// <summary>The response stream of a server call, serialized straight into Kestrel's response body pipe.</summary>
/// <typeparam name="T">The response message type.</typeparam>
internal sealed class ServerResponseStream<T> : IAsyncStreamWriter<T>
{
    private readonly PipeWriter _writer;
    private readonly Marshaller<T> _marshaller;
    private readonly int _maxSendSize;
    private readonly ServerCallContext _context;

    public ServerResponseStream(HttpContext httpContext, Marshaller<T> marshaller, int maxSendSize, ServerCallContext context)
    {
        _writer = httpContext.Response.BodyWriter;
        _marshaller = marshaller;
        _maxSendSize = maxSendSize;
        _context = context;
    }

    public void Write(T message)
    {
        MessageFraming.Write(_writer, message, _marshaller, _maxSendSize);
        _context.ResponseStarted = true;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        FlushResult result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new RpcException(StatusCode.Cancelled, "The client is no longer reading the response stream.");
        }
    }

    public ValueTask WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        Write(message);
        return FlushAsync(cancellationToken);
    }
}
