using System.Threading.Channels;

namespace K8sGossip.Kubernetes.TestServer.Watch;

/// <summary>A live watch on one resource: events arrive in resourceVersion order; a drop ends it like a broken connection.</summary>
internal sealed class WatchSubscription(string typeKey) : IDisposable
{
    private readonly CancellationTokenSource dropped = new();

    public string TypeKey { get; } = typeKey;

    public Channel<WatchEvent> Events { get; } = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public CancellationToken Dropped => dropped.Token;

    /// <summary>How many synthetic ADDED events for existing objects open the stream.</summary>
    public int InitialEventCount { get; set; }

    /// <summary>Set by the owner to unregister from the hub on dispose.</summary>
    public Action<WatchSubscription>? OnDispose { get; set; }

    public void Drop()
    {
        try
        {
            dropped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished: nothing to drop.
        }
    }

    public void Dispose()
    {
        OnDispose?.Invoke(this);
        Events.Writer.TryComplete();
        dropped.Dispose();
    }
}
