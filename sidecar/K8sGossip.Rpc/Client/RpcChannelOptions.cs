using System.Security.Cryptography.X509Certificates;
using K8sGossip.Rpc.Security;
using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Client;

/// <summary>Settings of a client channel: TLS identity and trust, message limits, keepalive and connect timeout.</summary>
public sealed class RpcChannelOptions
{
    /// <summary>The client certificate (with private key) presented for mutual TLS; only for https:// addresses.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Decides whether the server's certificate is trusted; null uses the system trust store.</summary>
    public PeerCertificateValidator? ServerCertificateValidator { get; set; }

    /// <summary>Largest response message accepted, in bytes; larger ones fail the call with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message sent, in bytes; a larger one fails with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Idle time after which the connection is pinged while calls are active. Default 30 s.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may stay unanswered before the connection is dropped. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Time allowed for TCP connect plus TLS handshake. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether calls beyond the server's concurrent-stream limit (Kestrel: 100 per connection) open another
    /// connection instead of waiting for a stream to end. Needed where many long-lived streams go to one server (a
    /// peer's Deliver stream per channel); off by default, because while a first connection is still being set up,
    /// concurrent calls would each start a connection (and a TLS handshake) of their own.</summary>
    public bool AllowAdditionalConnections { get; set; }

    /// <summary>The clock deadlines are measured on.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The channel address must be http:// (h2c) or https:// (TLS), was '{address}'.", nameof(address));
        }

        if (ClientCertificate is not null && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"RpcChannelOptions.ClientCertificate needs an https:// address, was '{address}'.", nameof(address));
        }

        if (ClientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("RpcChannelOptions.ClientCertificate must include its private key.");
        }

        if (MaxReceiveMessageSize <= 0)
        {
            throw new ArgumentException($"RpcChannelOptions.MaxReceiveMessageSize must be positive (was {MaxReceiveMessageSize}).");
        }

        if (MaxSendMessageSize <= 0)
        {
            throw new ArgumentException($"RpcChannelOptions.MaxSendMessageSize must be positive (was {MaxSendMessageSize}).");
        }

        if (ConnectTimeout <= TimeSpan.Zero && ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"RpcChannelOptions.ConnectTimeout must be positive or infinite (was {ConnectTimeout}).");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("RpcChannelOptions.TimeProvider must be set.");
        }
    }
}
