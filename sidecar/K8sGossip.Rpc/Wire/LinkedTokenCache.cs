namespace K8sGossip.Rpc.Wire;

/// <summary>
/// Combines a call's own token with the token a caller passes to each read, reusing the linked source while the
/// caller keeps passing the same token, so a long stream does not allocate a linked source per message.
/// </summary>
internal sealed class LinkedTokenCache : IDisposable
{
    private readonly CancellationToken _callToken;
    private CancellationToken _linkedFor;
    private CancellationTokenSource? _linked;

    public LinkedTokenCache(CancellationToken callToken)
    {
        _callToken = callToken;
    }

    public CancellationToken Combine(CancellationToken token)
    {
        if (!token.CanBeCanceled || token == _callToken)
        {
            return _callToken;
        }

        if (_linked is null || _linkedFor != token)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(token, _callToken);
            _linkedFor = token;
        }

        return _linked.Token;
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _linked = null;
    }
}
