namespace K8sGossip.Gossip.Comm;

/// <summary>Limits and timers of the comm layer (connections, handshakes, queues, bans).</summary>
public sealed class CommOptions
{
    /// <summary>Largest accepted or sent envelope. Default 8 MiB: a 2 MB block (the size Fabric studies found best) plus
    /// headroom, while refusing absurd frames before they are decoded.</summary>
    public int MaxMessageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest accepted handshake frame. Default 16 KiB: a certificate and a signature fit many times over.</summary>
    public int MaxHandshakeBytes { get; set; } = 16 * 1024;

    /// <summary>Time allowed from a session opening to the remote's verified handshake. Default 3 s (Fabric uses 2 s
    /// for its connection timeout; a Kubernetes pod network answers in milliseconds, so this only trips on dead peers).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest accepted difference between the handshake timestamp and our clock. Default 2 min: the TLS
    /// binding already stops replays on other sessions; this bounds how long a captured handshake is worth anything.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a dial to a peer with a lower PKI-ID waits before it starts. When both peers dial each other at
    /// once, the connection dialled by the lower PKI-ID is the one both keep, so the higher one gives the lower one's dial
    /// time to arrive and, if it does, never makes its own. Default 250 ms: first contact with such a peer is that much
    /// later, and a burst of new peers (a start, a scale-up) costs about half the TLS handshakes.</summary>
    public TimeSpan DialDeferral { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages queued for a peer while its connection is being opened. Default 256; beyond, sends drop and count.</summary>
    public int MaxPendingMessages { get; set; } = 256;

    /// <summary>A keepalive is sent on a connection we have sent nothing on for this long. Default 10 s.</summary>
    public TimeSpan KeepaliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection on which nothing (not even a keepalive) arrived for this long is closed as dead. Default 35 s
    /// (three keepalive periods and a margin, so lost keepalives alone never close a healthy connection).</summary>
    public TimeSpan KeepaliveTimeout { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>A connection that carried no protocol traffic (keepalives excluded) for this long is closed, so a node
    /// keeps connections only to peers it actually talks to. Default 2 min; zero disables.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many hostile rejections (bad signature, undecodable, illegal tag, ...) from one peer within
    /// <see cref="BanWindow"/> trigger a ban. Default 10: honest peers produce none.</summary>
    public int BanThreshold { get; set; } = 10;

    /// <summary>The window in which <see cref="BanThreshold"/> rejections are counted. Default 10 s.</summary>
    public TimeSpan BanWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an automatic ban lasts. Default 1 min.</summary>
    public TimeSpan BanDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often expired identities are purged and their connections closed. Default 30 s.</summary>
    public TimeSpan IdentityPurgeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(MaxMessageBytes >= 1024, nameof(MaxMessageBytes), "must be at least 1024 bytes");
        Require(MaxHandshakeBytes >= 1024 && MaxHandshakeBytes <= MaxMessageBytes, nameof(MaxHandshakeBytes), "must be between 1024 and MaxMessageBytes");
        Require(HandshakeTimeout > TimeSpan.Zero, nameof(HandshakeTimeout), "must be positive");
        Require(MaxClockSkew > TimeSpan.Zero, nameof(MaxClockSkew), "must be positive");
        Require(DialDeferral >= TimeSpan.Zero && DialDeferral < HandshakeTimeout, nameof(DialDeferral), "must be between zero and HandshakeTimeout");
        Require(MaxPendingMessages > 0, nameof(MaxPendingMessages), "must be positive");
        Require(KeepaliveInterval > TimeSpan.Zero, nameof(KeepaliveInterval), "must be positive");
        Require(KeepaliveTimeout > KeepaliveInterval * 2, nameof(KeepaliveTimeout), "must exceed twice KeepaliveInterval");
        Require(IdleTimeout >= TimeSpan.Zero, nameof(IdleTimeout), "must not be negative (zero disables)");
        Require(BanThreshold > 0, nameof(BanThreshold), "must be positive");
        Require(BanWindow > TimeSpan.Zero, nameof(BanWindow), "must be positive");
        Require(BanDuration > TimeSpan.Zero, nameof(BanDuration), "must be positive");
        Require(IdentityPurgeInterval > TimeSpan.Zero, nameof(IdentityPurgeInterval), "must be positive");
    }

    private static void Require(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"comm.{key} {rule}.", key);
        }
    }
}
