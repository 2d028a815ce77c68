using System.Threading.Channels;
using K8sGossip.Gossip.Comm;

namespace K8sGossip.Transport.Tests.Support;

/// <summary>Records a connection's events so tests can wait for them with bounded timeouts.</summary>
internal sealed class RecordingHandler : IConnectionHandler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>();
    private int _events;

    public TaskCompletionSource<ITransportConnection> Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a callback arrived after OnClosed or while another was running: the contract was broken.</summary>
    public string? Violation { get; private set; }

    public int ClosedCount { get; private set; }

    public void OnOpened(ITransportConnection connection) => Guard(() => Opened.TrySetResult(connection));

    public void OnFrame(ITransportConnection connection, ReadOnlyMemory<byte> frame) => Guard(() => _frames.Writer.TryWrite(frame.ToArray()));

    public void OnClosed(ITransportConnection connection, string reason) => Guard(() =>
    {
        ClosedCount++;
        Closed.TrySetResult(reason);
    });

    public async Task<ITransportConnection> WaitOpenedAsync()
    {
        await Task.WhenAny(Opened.Task, Closed.Task).WaitAsync(Timeout);
        if (!Opened.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The connection closed without opening: {await Closed.Task}");
        }

        return await Opened.Task;
    }

    public async Task<string> WaitClosedAsync() => await Closed.Task.WaitAsync(Timeout);

    public async Task<List<byte[]>> ReceiveAsync(int count)
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var frames = new List<byte[]>(count);
        while (frames.Count < count)
        {
            frames.Add(await _frames.Reader.ReadAsync(cancellation.Token));
        }

        return frames;
    }

    private void Guard(Action action)
    {
        if (Interlocked.Increment(ref _events) != 1)
        {
            Violation = "overlapping callbacks";
        }

        if (Closed.Task.IsCompleted)
        {
            Violation = "callback after OnClosed";
        }

        action();
        Interlocked.Decrement(ref _events);
    }
}
