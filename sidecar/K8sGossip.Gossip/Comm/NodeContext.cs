using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// What every protocol component of one node shares: its clock, its randomness, its logger factory and
/// the gate that serializes all of its work.
/// </summary>
/// <remarks>
/// Protocol components are synchronous state machines: every timer tick and every received message runs
/// under <see cref="Gate"/>, and sending never blocks. That keeps one node free of data races on real
/// threads, and lets the simulator run thousands of nodes on one thread in a reproducible order.
/// </remarks>
public sealed partial class NodeContext
{
    /// <summary>Creates a context.</summary>
    public NodeContext(TimeProvider time, Random random, ILoggerFactory? loggerFactory = null)
    {
        Time = time;
        Random = random;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _log = LoggerFactory.CreateLogger<NodeContext>();
    }

    private readonly ILogger _log;
    private readonly Dictionary<TimeSpan, SharedTick> _sharedTicks = [];

    /// <summary>Every clock reading and timer of this node.</summary>
    public TimeProvider Time { get; }

    /// <summary>Every random choice of this node; seeded in tests and simulations. Use only under <see cref="Gate"/>.</summary>
    public Random Random { get; }

    /// <summary>Loggers for the node's components.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The lock that serializes the node's protocol work.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Runs <paramref name="action"/> under the gate; an exception is logged and swallowed so that one bad
    /// event never stops a node.</summary>
    public void Run(string what, Action action)
    {
        lock (Gate)
        {
            Invoke(what, action);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the gate every <paramref name="period"/>, on one timer shared by every
    /// action of this node with the same period (first after a random fraction of the period). For checks each channel
    /// makes often: the node wakes once per period, not once per channel.</summary>
    public IDisposable EveryShared(TimeSpan period, string what, Action action)
    {
        SharedTick tick;
        lock (_sharedTicks)
        {
            if (!_sharedTicks.TryGetValue(period, out tick!))
            {
                tick = new SharedTick(this, period);
                _sharedTicks.Add(period, tick);
            }
        }

        return tick.Add(what, action, TimeSpan.FromTicks((long)(period.Ticks * NextDouble())));
    }

    /// <summary>Runs <paramref name="action"/> for a caller that already holds the gate; an exception is logged and swallowed.</summary>
    internal void Invoke(string what, Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // A protocol event must never take the node down; the failure is logged with its cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.EventFailed(_log, what, ex);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the gate after <paramref name="due"/>, once.</summary>
    public IDisposable Schedule(TimeSpan due, string what, Action action)
    {
        ITimer? timer = null;
        timer = Time.CreateTimer(_ => Run(what, action), null, due, Timeout.InfiniteTimeSpan);
        return timer;
    }

    /// <summary>Runs <paramref name="action"/> under the gate every <paramref name="period"/>, first after
    /// <paramref name="firstDue"/> (a random fraction of the period by default, so nodes do not tick in lockstep).</summary>
    public IDisposable Every(TimeSpan period, string what, Action action, TimeSpan? firstDue = null)
    {
        var first = firstDue ?? TimeSpan.FromTicks((long)(period.Ticks * NextDouble()));
        return Time.CreateTimer(_ => Run(what, action), null, first, period);
    }

    private double NextDouble()
    {
        lock (Gate)
        {
            return Random.NextDouble();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Protocol event {What} failed")]
        public static partial void EventFailed(ILogger logger, string what, Exception exception);
    }
}
