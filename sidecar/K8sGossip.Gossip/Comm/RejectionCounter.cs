using K8sGossip.Gossip.Identity;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Where every layer reports a refused message: counts it by reason, logs it with its cause at most once per reason per
/// <see cref="LogInterval"/> (hostile peers must not flood the log), and tells the comm layer which peer misbehaved so
/// repeated offenders are banned.
/// </summary>
public sealed partial class RejectionCounter
{
    /// <summary>How often each reason may be logged.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long[] _lastLogged = new long[Enum.GetValues<RejectionReason>().Length];
    private readonly long[] _suppressed = new long[Enum.GetValues<RejectionReason>().Length];

    /// <summary>Creates a counter that counts into <paramref name="counters"/>.</summary>
    public RejectionCounter(NodeCounters counters, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Counters = counters;
        _time = time;
        _logger = logger;
        Array.Fill(_lastLogged, long.MinValue);
    }

    /// <summary>The counters rejections are counted in.</summary>
    public NodeCounters Counters { get; }

    /// <summary>Raised for each rejection attributed to a peer (an authenticated sender or a claimed originator).</summary>
    public event Action<PkiId, RejectionReason>? PeerRejected;

    /// <summary>Counts, logs (rate-limited) and attributes one rejection. <paramref name="peer"/> may be empty when
    /// no authenticated peer is responsible (for example a failed handshake).</summary>
    public void Reject(PkiId peer, RejectionReason reason, string detail)
    {
        Counters.Reject(reason);
        var index = (int)reason;
        var now = _time.GetTimestamp();
        long suppressed = 0;
        var shouldLog = false;
        lock (_lastLogged)
        {
            if (_lastLogged[index] == long.MinValue || _time.GetElapsedTime(_lastLogged[index], now) >= LogInterval)
            {
                _lastLogged[index] = now;
                suppressed = _suppressed[index];
                _suppressed[index] = 0;
                shouldLog = true;
            }
            else
            {
                _suppressed[index]++;
            }
        }

        if (shouldLog)
        {
            Log.Rejected(_logger, reason, peer.Short, detail, suppressed);
        }

        if (!peer.IsEmpty)
        {
            PeerRejected?.Invoke(peer, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
            Message = "Rejected ({Reason}) from peer {Peer}: {Detail} ({Suppressed} similar rejections not logged since the last report)")]
        public static partial void Rejected(ILogger logger, RejectionReason reason, string peer, string detail, long suppressed);
    }
}
