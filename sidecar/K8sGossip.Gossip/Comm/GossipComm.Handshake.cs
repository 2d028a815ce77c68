using Google.Protobuf;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Comm;

/// <summary>The handshake: a signed ConnEstablish each way, bound to the TLS session, then registration of the peer.</summary>
public sealed partial class GossipComm
{
    internal void OnOpened(ConnectionSession session)
    {
        if (session.Closed || session.HandshakeSent)
        {
            return;
        }

        var now = Context.Time.GetTimestamp();
        session.LastReceived = now;
        session.LastActivity = now;
        var message = new GossipMessage
        {
            Nonce = (ulong)Context.Random.NextInt64(),
            Tag = RoutingTag.Any,
            ConnEstablish = new ConnEstablish
            {
                PkiId = Self.PkiId.ToByteString(),
                MspId = Self.MspId,
                Identity = ByteString.CopyFrom(Self.CertificateDer.Span),
                TlsCertHash = ByteString.CopyFrom(session.Connection.LocalTlsCertificateHash.Span),
                TimestampUnixMs = (ulong)Context.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
        };
        var frame = SignedEnvelope.Create(message, _signer).ToByteArray();
        session.HandshakeSent = true;
        if (!session.Connection.TrySend(frame))
        {
            CloseSession(session, "handshake could not be sent");
            return;
        }

        session.HandshakeTimer = Context.Schedule(_options.HandshakeTimeout, "comm.handshake-timeout", () =>
        {
            if (!session.Closed && session.Remote is null)
            {
                Rejections.Reject(default, RejectionReason.HandshakeTimeout, $"no valid handshake from {session.Connection.RemoteAddress} within {_options.HandshakeTimeout.TotalSeconds} s");
                CloseSession(session, "handshake timeout");
            }
        });
    }

    private void HandleHandshake(ConnectionSession session, ReadOnlyMemory<byte> frame)
    {
        var address = session.Connection.RemoteAddress;
        if (frame.Length > _options.MaxHandshakeBytes)
        {
            RefuseHandshake(session, default, RejectionReason.Oversize, $"handshake of {frame.Length} bytes from {address}");
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
            RefuseHandshake(session, default, RejectionReason.Undecodable, $"handshake from {address}: {ex.GetType().Name}");
            return;
        }

        if (message.ContentCase != GossipMessage.ContentOneofCase.ConnEstablish)
        {
            RefuseHandshake(session, default, message.ContentCase == GossipMessage.ContentOneofCase.None ? RejectionReason.EmptyContent : RejectionReason.UnexpectedContent,
                $"expected a handshake from {address}, got {message.ContentCase}");
            return;
        }

        if (!RoutingTagRules.IsLegal(message.ContentCase, message.Tag))
        {
            RefuseHandshake(session, default, RejectionReason.IllegalTag, $"handshake from {address} with tag {message.Tag}");
            return;
        }

        var hello = message.ConnEstablish;
        if (!PkiId.TryFrom(hello.PkiId.Span, out var claimed))
        {
            RefuseHandshake(session, default, RejectionReason.Malformed, $"handshake from {address} with a PKI-ID of {hello.PkiId.Length} bytes");
            return;
        }

        if (claimed == Self.PkiId)
        {
            RefuseHandshake(session, default, RejectionReason.SelfConnection, $"{address} is this node");
            return;
        }

        if (IsBanned(claimed))
        {
            RefuseHandshake(session, default, RejectionReason.Banned, $"{claimed.Short} at {address} is banned");
            return;
        }

        var learned = _identities.TryLearn(hello.MspId, hello.Identity.Span, claimed, out var identity);
        if (learned != IdentityRejection.None || identity is null)
        {
            RefuseHandshake(session, default, ToReason(learned), $"handshake identity of {claimed.Short} ({hello.MspId}) from {address}: {learned}");
            return;
        }

        var signature = _identities.Verify(claimed, envelope.Payload.Span, envelope.Signature.Span);
        if (signature != IdentityRejection.None)
        {
            RefuseHandshake(session, claimed, ToReason(signature), $"handshake signature of {claimed.Short} from {address}: {signature}");
            return;
        }

        if (!hello.TlsCertHash.Span.SequenceEqual(session.Connection.RemoteTlsCertificateHash.Span) || hello.TlsCertHash.IsEmpty)
        {
            // Possibly a handshake captured elsewhere and replayed; the real peer did nothing wrong, so no strike.
            RefuseHandshake(session, default, RejectionReason.TlsBindingMismatch, $"handshake of {claimed.Short} from {address} is bound to another TLS certificate");
            return;
        }

        var skew = Context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(hello.TimestampUnixMs, (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        if (skew.Duration() > _options.MaxClockSkew)
        {
            RefuseHandshake(session, default, RejectionReason.ClockSkew, $"handshake of {claimed.Short} from {address} is {skew.TotalSeconds:F0} s off");
            return;
        }

        if (session.IsOutbound && !session.Expected.IsEmpty && session.Expected != claimed)
        {
            RefuseHandshake(session, default, RejectionReason.UnexpectedPeer, $"dialled {session.Expected.Short} at {address} but {claimed.Short} answered");
            return;
        }

        Authenticate(session, identity);
    }

    private void RefuseHandshake(ConnectionSession session, PkiId blame, RejectionReason reason, string detail)
    {
        Rejections.Reject(blame, reason, detail);
        CloseSession(session, "handshake refused: " + reason);
    }

    private void Authenticate(ConnectionSession session, PeerIdentity remote)
    {
        var now = Context.Time.GetTimestamp();
        session.Remote = remote;
        session.AuthenticatedAt = now;
        session.LastReceived = now;
        session.HandshakeTimer?.Dispose();
        session.HandshakeTimer = null;
        if (session.DialKey is { } key && _dialing.TryGetValue(key, out var dial) && dial == session)
        {
            _dialing.Remove(key);
        }

        session.DialKey = null;
        if (session.IsOutbound)
        {
            _endpointPeers[session.Connection.RemoteAddress] = remote.PkiId;
        }

        Counters.Increment("comm.handshakes.ok");
        var pending = session.TakePending();
        if (_peers.TryGetValue(remote.PkiId, out var existing) && existing != session)
        {
            if (!PrefersNew(existing, session, remote.PkiId))
            {
                // Keep the existing connection; what was queued for this one goes there instead.
                Retire(session, "duplicate connection");
                foreach (var frame in pending)
                {
                    Transmit(existing, frame);
                }

                return;
            }

            _peers[remote.PkiId] = session;
            Retire(existing, "replaced by a newer connection");
            Flush(session, pending);
            return;
        }

        _peers[remote.PkiId] = session;
        Log.Connected(_logger, remote.PkiId.Short, remote.MspId, session.Connection.RemoteAddress, session.IsOutbound);
        Flush(session, pending);
        AbandonLosingDial(session, remote.PkiId);
        PeerConnected?.Invoke(remote);
    }

    /// <summary>When both sides dial each other at once, the connection dialled by the lower PKI-ID is the one both
    /// keep (<see cref="PrefersNew"/>). If that is this inbound one, our own dial to the peer would only be retired
    /// once its handshake completes: stop it now (it may still be waiting for its turn) and send what it held here.</summary>
    private void AbandonLosingDial(ConnectionSession inbound, PkiId remote)
    {
        var key = DialKey(remote, string.Empty);
        if (inbound.IsOutbound || !PeerDialWins(remote) || !_dialing.TryGetValue(key, out var dial) || dial.Remote is not null)
        {
            return;
        }

        _dialing.Remove(key);
        dial.DialKey = null;
        Flush(inbound, dial.TakePending());
        Counters.Increment("comm.dials.abandoned");
        CloseSession(dial, "the peer's own connection arrived first");
    }

    private void Flush(ConnectionSession session, List<byte[]> pending)
    {
        foreach (var frame in pending)
        {
            Transmit(session, frame);
        }
    }

    /// <summary>Stops sending on a connection that is no longer the peer's preferred one, but keeps receiving on it for a
    /// short drain period: the peer may have sent on it before it learned which connection both sides keep.</summary>
    private void Retire(ConnectionSession session, string reason)
    {
        session.Retiring = true;
        Counters.Increment("comm.connections.deduplicated");
        Context.Schedule(_options.HandshakeTimeout, "comm.retire", () => CloseSession(session, reason));
    }

    /// <summary>Both sides of a simultaneous dial keep the connection dialled by the lower PKI-ID; otherwise the newer
    /// connection wins, because a peer only dials again when its old connection is gone for it.</summary>
    private bool PrefersNew(ConnectionSession existing, ConnectionSession fresh, PkiId remote)
    {
        var window = _options.HandshakeTimeout * 2;
        if (Context.Time.GetElapsedTime(existing.AuthenticatedAt, fresh.AuthenticatedAt) > window)
        {
            return true;
        }

        var existingDialler = existing.IsOutbound ? Self.PkiId : remote;
        var freshDialler = fresh.IsOutbound ? Self.PkiId : remote;
        if (existingDialler == freshDialler)
        {
            return true;
        }

        return freshDialler == (PeerDialWins(remote) ? remote : Self.PkiId);
    }

    /// <summary>Of two connections the peers dialled to each other, both keep the one dialled by the lower PKI-ID.</summary>
    private bool PeerDialWins(PkiId remote) => remote < Self.PkiId;

    /// <summary>Dials in progress are keyed by the peer they must reach, or by endpoint when its identity is not known.</summary>
    private static string DialKey(PkiId target, string endpoint) => target.IsEmpty ? "@" + endpoint : target.ToString();

    internal static RejectionReason ToReason(IdentityRejection rejection) => rejection switch
    {
        IdentityRejection.Malformed => RejectionReason.Malformed,
        IdentityRejection.UnknownAuthority => RejectionReason.UnknownAuthority,
        IdentityRejection.Expired => RejectionReason.Expired,
        IdentityRejection.PkiIdMismatch => RejectionReason.PkiIdMismatch,
        IdentityRejection.BadSignature => RejectionReason.BadSignature,
        IdentityRejection.UnknownPeer => RejectionReason.UnknownPeer,
        _ => RejectionReason.Malformed,
    };
}
