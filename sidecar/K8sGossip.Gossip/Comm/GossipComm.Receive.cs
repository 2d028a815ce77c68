using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Comm;

/// <summary>The receive path (size, decode, content, tag, dispatch), connection close, and periodic maintenance.</summary>
public sealed partial class GossipComm
{
    internal void OnFrame(ConnectionSession session, ReadOnlyMemory<byte> frame)
    {
        if (session.Closed)
        {
            return;
        }

        session.LastReceived = Context.Time.GetTimestamp();
        Counters.Increment("comm.frames.received");
        if (session.Remote is null)
        {
            if (!session.HandshakeSent)
            {
                OnOpened(session); // the transport delivered a frame before OnOpened; answer the handshake first
            }

            HandleHandshake(session, frame);
            return;
        }

        HandleMessage(session, session.Remote, frame);
    }

    private void HandleMessage(ConnectionSession session, PeerIdentity sender, ReadOnlyMemory<byte> frame)
    {
        if (frame.Length > _options.MaxMessageBytes)
        {
            Rejections.Reject(sender.PkiId, RejectionReason.Oversize, $"frame of {frame.Length} bytes from {sender.PkiId.Short}");
            return;
        }

        Envelope envelope;
        GossipMessage message;
        try
        {
            envelope = Envelope.Parser.ParseFrom(frame.Span);
            message = GossipMessage.Parser.ParseFrom(envelope.Payload);
        }
#pragma warning disable CA1031 // Hostile bytes may make the decoder throw anything; each case is refused and counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Rejections.Reject(sender.PkiId, RejectionReason.Undecodable, $"frame from {sender.PkiId.Short}: {ex.GetType().Name}");
            return;
        }

        var content = message.ContentCase;
        if (content == GossipMessage.ContentOneofCase.None)
        {
            Rejections.Reject(sender.PkiId, RejectionReason.EmptyContent, $"message without content from {sender.PkiId.Short}");
            return;
        }

        if (!RoutingTagRules.IsLegal(content, message.Tag))
        {
            Rejections.Reject(sender.PkiId, RejectionReason.IllegalTag, $"{content} with tag {message.Tag} from {sender.PkiId.Short}");
            return;
        }

        if (content == GossipMessage.ContentOneofCase.ConnEstablish)
        {
            Rejections.Reject(sender.PkiId, RejectionReason.UnexpectedContent, $"second handshake from {sender.PkiId.Short}");
            return;
        }

        if (content == GossipMessage.ContentOneofCase.Keepalive)
        {
            return;
        }

        session.LastActivity = session.LastReceived;
        if (!_handlers.TryGetValue(content, out var handler))
        {
            Rejections.Reject(sender.PkiId, RejectionReason.NoHandler, $"no handler for {content} from {sender.PkiId.Short}");
            return;
        }

        try
        {
            handler(new ReceivedMessage(sender, envelope, message));
        }
#pragma warning disable CA1031 // One bad message must never stop the node; it is refused, counted and logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, content, sender.PkiId.Short, ex);
            Rejections.Reject(sender.PkiId, RejectionReason.HandlerFailed, $"{content} from {sender.PkiId.Short}: {ex.GetType().Name}");
        }
    }

    internal void OnTransportClosed(ConnectionSession session, string reason)
    {
        if (session.Closed)
        {
            return;
        }

        if (session.Remote is null && session.IsOutbound)
        {
            Counters.Increment("comm.dials.failed");
        }

        ForgetSession(session, reason);
    }

    private void Maintain()
    {
        if (_stopped)
        {
            return;
        }

        var now = Context.Time.GetTimestamp();
        List<(ConnectionSession Session, string Reason)>? toClose = null;
        List<ConnectionSession>? toPing = null;
        foreach (var session in _sessions.Values)
        {
            if (session.Remote is null || session.Retiring)
            {
                continue;
            }

            if (Context.Time.GetElapsedTime(session.LastReceived, now) > _options.KeepaliveTimeout)
            {
                (toClose ??= []).Add((session, "nothing received within the keepalive timeout"));
            }
            else if (_options.IdleTimeout > TimeSpan.Zero && Context.Time.GetElapsedTime(session.LastActivity, now) > _options.IdleTimeout)
            {
                (toClose ??= []).Add((session, "idle"));
            }
            else if (Context.Time.GetElapsedTime(session.LastSent, now) >= _options.KeepaliveInterval)
            {
                (toPing ??= []).Add(session);
            }
        }

        foreach (var (session, reason) in toClose ?? [])
        {
            Counters.Increment(reason == "idle" ? "comm.closed.idle" : "comm.closed.unresponsive");
            CloseSession(session, reason);
        }

        if (toPing is not null)
        {
            var keepalive = Google.Protobuf.MessageExtensions.ToByteArray(
                SignedEnvelope.Unsigned(new GossipMessage { Tag = RoutingTag.Any, Keepalive = new Protos.Empty() }));
            foreach (var session in toPing)
            {
                var lastActivity = session.LastActivity;
                Transmit(session, keepalive);
                session.LastActivity = lastActivity; // keepalives do not keep an unused connection open
            }
        }
    }

    private void PurgeExpiredIdentities()
    {
        foreach (var peer in _identities.PurgeExpired())
        {
            Counters.Increment("comm.identities.purged");
            Disconnect(peer, "identity expired or replaced");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Connected to {Peer} ({MspId}) at {Address}, outbound: {Outbound}")]
        public static partial void Connected(ILogger logger, string peer, string mspId, string address, bool outbound);

        [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "Disconnected from {Peer}: {Reason}")]
        public static partial void Disconnected(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Banned {Peer} for {Duration}: {Reason}")]
        public static partial void Banned(ILogger logger, string peer, TimeSpan duration, string reason);

        [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "Handler of {Content} failed on a message from {Peer}")]
        public static partial void HandlerFailed(ILogger logger, GossipMessage.ContentOneofCase content, string peer, Exception exception);
    }
}
