using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Where the observer reports what went wrong: every failure is counted, and logged once per source and cause (then at
/// most once a minute while it lasts), with one line when the source works again.
/// </summary>
internal sealed partial class ObserverDiagnostics
{
    /// <summary>How often a failure that persists with the same cause is logged again.</summary>
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger;
    private readonly FailureLogGate _gate;

    /// <summary>Creates diagnostics logging to <paramref name="logger"/>.</summary>
    public ObserverDiagnostics(ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _gate = new FailureLogGate(time, RepeatInterval);
    }

    /// <summary>The failure counts.</summary>
    public ObserverCounters Counters { get; } = new();

    /// <summary>A peer's local API call failed.</summary>
    public void PeerFailed(string peer, string endpoint, string cause, string detail)
    {
        Counters.PeerFailed();
        if (_gate.Fail("peer " + peer, cause, out var suppressed))
        {
            LogPeerFailed(_logger, peer, endpoint, cause, detail, suppressed);
        }
    }

    /// <summary>A peer answered its Status call but not a Membership call.</summary>
    public void MembershipFailed(string peer, string channel, string cause, string detail)
    {
        Counters.PeerFailed();
        if (_gate.Fail($"membership {peer} {channel}", cause, out var suppressed))
        {
            LogMembershipFailed(_logger, peer, channel, cause, detail, suppressed);
        }
    }

    /// <summary>A peer's local API answered.</summary>
    public void PeerAnswered(string peer)
    {
        if (_gate.Recover("peer " + peer))
        {
            LogPeerAnswers(_logger, peer);
        }
    }

    /// <summary>The orderer's admin endpoint failed.</summary>
    public void OrdererFailed(string endpoint, string cause, string detail)
    {
        Counters.OrdererFailed();
        if (_gate.Fail("orderer", cause, out var suppressed))
        {
            LogOrdererFailed(_logger, endpoint, cause, detail, suppressed);
        }
    }

    /// <summary>The orderer's admin endpoint answered with something that is not an orderer status.</summary>
    public void OrdererMalformed(string endpoint, string detail)
    {
        Counters.Malformed();
        if (_gate.Fail("orderer", "malformed", out var suppressed))
        {
            LogOrdererMalformed(_logger, endpoint, detail, suppressed);
        }
    }

    /// <summary>The orderer's admin endpoint answered properly.</summary>
    public void OrdererAnswered()
    {
        if (_gate.Recover("orderer"))
        {
            LogOrdererAnswers(_logger);
        }
    }

    /// <summary>A block stream ended with an error.</summary>
    public void StreamFailed(string peer, string channel, string cause, string detail)
    {
        Counters.StreamFailed();
        if (_gate.Fail($"blocks {peer} {channel}", cause, out var suppressed))
        {
            LogStreamFailed(_logger, peer, channel, cause, detail, suppressed);
        }
    }

    /// <summary>A block stream delivered a block whose metadata could not be read.</summary>
    public void BlockMalformed(string peer, string channel, ulong number, string detail)
    {
        Counters.Malformed();
        if (_gate.Fail($"block {peer} {channel}", "malformed", out var suppressed))
        {
            LogBlockMalformed(_logger, peer, channel, number, detail, suppressed);
        }
    }

    /// <summary>The local network could not say how a node's process is.</summary>
    public void ProcessesFailed(string node, Exception error)
    {
        Counters.RoundFailed();
        if (_gate.Fail("processes " + node, error.GetType().Name, out var suppressed))
        {
            LogProcessesFailed(_logger, node, suppressed, error);
        }
    }

    /// <summary>A round failed unexpectedly.</summary>
    public void RoundFailed(Exception error)
    {
        Counters.RoundFailed();
        if (_gate.Fail("round", error.GetType().Name, out var suppressed))
        {
            LogRoundFailed(_logger, suppressed, error);
        }
    }

    /// <summary>A subscriber to status updates threw.</summary>
    public void SubscriberFailed(Exception error)
    {
        Counters.RoundFailed();
        if (_gate.Fail("subscriber", error.GetType().Name, out var suppressed))
        {
            LogSubscriberFailed(_logger, suppressed, error);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Peer {Peer} does not answer on its local API {Endpoint}: {Cause}: {Detail} ({Suppressed} similar failures not logged)")]
    private static partial void LogPeerFailed(ILogger logger, string peer, string endpoint, string cause, string detail, int suppressed);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Peer {Peer} answers its Status but not Membership of channel {Channel}: {Cause}: {Detail} ({Suppressed} similar failures not logged)")]
    private static partial void LogMembershipFailed(ILogger logger, string peer, string channel, string cause, string detail, int suppressed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Peer {Peer} answers again")]
    private static partial void LogPeerAnswers(ILogger logger, string peer);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "The orderer does not answer on its admin endpoint {Endpoint}: {Cause}: {Detail} ({Suppressed} similar failures not logged)")]
    private static partial void LogOrdererFailed(ILogger logger, string endpoint, string cause, string detail, int suppressed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The orderer's admin endpoint {Endpoint} answered something that is not an orderer status: {Detail} ({Suppressed} similar replies not logged)")]
    private static partial void LogOrdererMalformed(ILogger logger, string endpoint, string detail, int suppressed);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "The orderer answers again")]
    private static partial void LogOrdererAnswers(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "The block stream of peer {Peer} in channel {Channel} ended: {Cause}: {Detail} ({Suppressed} similar failures not logged)")]
    private static partial void LogStreamFailed(ILogger logger, string peer, string channel, string cause, string detail, int suppressed);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Peer {Peer} streamed block {Number} of channel {Channel} that could not be decoded: {Detail} ({Suppressed} similar blocks not logged)")]
    private static partial void LogBlockMalformed(ILogger logger, string peer, string channel, ulong number, string detail, int suppressed);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "The process of {Node} could not be looked up ({Suppressed} similar failures not logged)")]
    private static partial void LogProcessesFailed(ILogger logger, string node, int suppressed, Exception error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "An observation round failed; the next round runs as usual ({Suppressed} similar failures not logged)")]
    private static partial void LogRoundFailed(ILogger logger, int suppressed, Exception error);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "A subscriber to network status updates failed ({Suppressed} similar failures not logged)")]
    private static partial void LogSubscriberFailed(ILogger logger, int suppressed, Exception error);
}
