using K8sGossip.Rpc.Wire;
using Microsoft.AspNetCore.Http;

namespace K8sGossip.Rpc.Server;

/// <summary>The request stream of a server call, read straight from Kestrel's request body pipe.</summary>
/// <typeparam name="T">The request message type.</typeparam>
internal sealed class ServerRequestStream<T> : IAsyncStreamReader<T>, IDisposable
{
    private readonly MessagePipeReader<T> _reader;
    private readonly CancellationToken _callToken;
    private readonly LinkedTokenCache _tokens;

    public ServerRequestStream(HttpContext httpContext, Marshaller<T> marshaller, int maxReceiveSize, CancellationToken callToken)
    {
        _reader = new MessagePipeReader<T>(httpContext.Request.BodyReader, marshaller, maxReceiveSize);
        _callToken = callToken;
        _tokens = new LinkedTokenCache(callToken);
    }

    public T Current => _reader.Current;

    public async ValueTask<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        bool hasMessage = await _reader.ReadNextAsync(_tokens.Combine(cancellationToken)).ConfigureAwait(false);

        // Kestrel may end the body quietly when the client resets the stream: that is not a clean end.
        _callToken.ThrowIfCancellationRequested();
        return hasMessage;
    }

    public void Dispose() => _tokens.Dispose();
}
