using K8sGossip.Operator.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Watches a local network: every second it reads the orderer's admin status and every peer's local API, derives a
/// <see cref="NetworkStatus"/> with the events since the last one, and measures dissemination latency from the peers'
/// block streams. Failures of nodes are what it observes, so nothing that happens to them escapes its loop.
/// </summary>
public sealed class NetworkObserver : IAsyncDisposable
{
    /// <summary>How often the network is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly ObserverDiagnostics _diagnostics;
    private readonly NetworkReader _reader;
    private readonly LatencyRecorder _latency = new();
    private readonly BlockLatencyStreams _streams;
    private readonly NetworkStatusTracker _tracker;
    private readonly CancellationTokenSource _stopping = new();
    private NetworkStatus _current;
    private Task? _loop;
    private int _started;
    private int _disposed;

    /// <summary>Creates an observer of <paramref name="plan"/>'s nodes; nothing is contacted before <see cref="StartAsync"/>.</summary>
    public NetworkObserver(NetworkPlan plan, INodeProcesses processes, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _time = time;
        _diagnostics = new ObserverDiagnostics(loggers.CreateLogger<NetworkObserver>(), time);
        _reader = new NetworkReader(plan, processes, time, _diagnostics);
        _streams = new BlockLatencyStreams(_latency, time, _diagnostics);
        _tracker = new NetworkStatusTracker(plan, _latency);
        _current = NetworkStatusTracker.Unobserved(plan, time.GetUtcNow());
    }

    /// <summary>The latest status (every node dead before the first round).</summary>
    public NetworkStatus Current => Volatile.Read(ref _current);

    /// <summary>Raised after every round with the new status, on the observer's loop; a handler that throws is logged, not fatal.</summary>
    public event Action<NetworkStatus>? Updated;

    /// <summary>Failure counts, for tests and diagnostics.</summary>
    internal ObserverCounters Counters => _diagnostics.Counters;

    /// <summary>How many block streams run now.</summary>
    internal int RunningStreams => _streams.Running;

    /// <summary>Reads the network once and returns (no latency, no events): for <c>status</c> when no <c>up</c> runs.</summary>
    public static async Task<NetworkStatus> ObserveOnceAsync(NetworkPlan plan, INodeProcesses processes, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(time);
        var diagnostics = new ObserverDiagnostics(NullLogger.Instance, time);
        using var reader = new NetworkReader(plan, processes, time, diagnostics);
        var observation = await reader.ReadAsync(NetworkReader.FirstContactTimeout, ct).ConfigureAwait(false);
        var status = new NetworkStatusTracker(plan).Apply(observation);
        return status with { Events = [] };
    }

    /// <summary>
    /// Reads the network once (so <see cref="Current"/> is real when this returns), then keeps reading every second until
    /// disposed or until <paramref name="ct"/> is cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">The observer was started already.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled during the first read; the observer is stopped.</exception>
    public async Task StartAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The network observer was started already.");
        }

        var registration = ct.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stopping);
        var token = _stopping.Token;
        await RoundAsync(NetworkReader.FirstContactTimeout, token).ConfigureAwait(false);
        _loop = Task.Run(() => LoopAsync(registration, token), CancellationToken.None);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Stops reading, ends the block streams and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await _streams.DisposeAsync().ConfigureAwait(false);
        _reader.Dispose();
        _stopping.Dispose();
    }

    private async Task LoopAsync(CancellationTokenRegistration registration, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await RoundAsync(NetworkReader.DefaultCallTimeout, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RoundAsync(TimeSpan callTimeout, CancellationToken ct)
    {
        NetworkStatus status;
        try
        {
            var observation = await _reader.ReadAsync(callTimeout, ct).ConfigureAwait(false);
            status = _tracker.Apply(observation);
            Volatile.Write(ref _current, status);
            Subscribe(observation);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            _diagnostics.RoundFailed(e);
            return;
        }

        Publish(status);
    }

    /// <summary>Keeps a block stream on every answering peer and channel, (re)started from the height it just reported.</summary>
    private void Subscribe(NetworkObservation observation)
    {
        foreach (var (peer, reading) in observation.Peers)
        {
            if (!reading.Answered)
            {
                continue;
            }

            var rpc = _reader.Poller(peer).Channel;
            foreach (var channel in reading.Channels)
            {
                _streams.Ensure(peer, channel.Channel, channel.Height, rpc);
            }
        }
    }

    private void Publish(NetworkStatus status)
    {
        var handlers = Updated;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<NetworkStatus>>())
        {
            try
            {
                handler(status);
            }
            catch (Exception e)
            {
                _diagnostics.SubscriberFailed(e);
            }
        }
    }
}
