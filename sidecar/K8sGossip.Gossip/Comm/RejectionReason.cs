namespace K8sGossip.Gossip.Comm;

/// <summary>Why a frame, message or connection was refused; every layer counts its rejections by these reasons.</summary>
public enum RejectionReason
{
    /// <summary>Bytes that are not a valid envelope or message.</summary>
    Undecodable,

    /// <summary>Structurally valid but missing or contradictory fields.</summary>
    Malformed,

    /// <summary>Larger than the configured size limit.</summary>
    Oversize,

    /// <summary>A message with no content.</summary>
    EmptyContent,

    /// <summary>The routing tag is not allowed for the content type.</summary>
    IllegalTag,

    /// <summary>A content type that is not expected at this point (for example a second handshake).</summary>
    UnexpectedContent,

    /// <summary>No handler is registered for the content type.</summary>
    NoHandler,

    /// <summary>A handler failed on the message.</summary>
    HandlerFailed,

    /// <summary>A signature that does not verify.</summary>
    BadSignature,

    /// <summary>A certificate that does not chain to its claimed organization's CA, or an unknown organization.</summary>
    UnknownAuthority,

    /// <summary>An expired, not yet valid or superseded certificate.</summary>
    Expired,

    /// <summary>A PKI-ID that does not match the certificate and MSP ID.</summary>
    PkiIdMismatch,

    /// <summary>Signed content from a peer whose identity is unknown.</summary>
    UnknownPeer,

    /// <summary>The handshake's TLS certificate hash differs from the certificate seen on the session (a replay).</summary>
    TlsBindingMismatch,

    /// <summary>The handshake timestamp is outside the allowed clock skew.</summary>
    ClockSkew,

    /// <summary>A dialled peer proved to be someone other than the peer expected.</summary>
    UnexpectedPeer,

    /// <summary>The peer is banned for misbehaviour.</summary>
    Banned,

    /// <summary>The handshake did not complete in time.</summary>
    HandshakeTimeout,

    /// <summary>A connection to ourselves.</summary>
    SelfConnection,

    /// <summary>A message that is not newer than what was already seen (a replay or a duplicate).</summary>
    Replay,

    /// <summary>A message that claims to speak for a peer other than its authenticated sender.</summary>
    Spoofed,

    /// <summary>Information that the sender was not allowed to disclose to this node (or this node to the asker).</summary>
    VisibilityViolation,

    /// <summary>Channel content for a channel this node has not joined, or from a peer not in it.</summary>
    WrongChannel,

    /// <summary>A block that fails verification.</summary>
    InvalidBlock,

    /// <summary>The peer exceeded a rate or quota.</summary>
    RateLimited,
}
