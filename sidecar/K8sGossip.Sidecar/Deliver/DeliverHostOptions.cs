using System.Net;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>Where and how a Deliver (and, on the orderer, Broadcast) server listens. Not bound from configuration here:
/// the sidecar's configuration layer fills it.</summary>
public sealed class DeliverHostOptions
{
    /// <summary>The listen address; port 0 picks a free port. Default 127.0.0.1:0.</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>The server's TLS certificate and the CAs client certificates must chain to (mutual TLS is mandatory).</summary>
    public MutualTlsIdentity? Tls { get; set; }

    /// <summary>Largest block sent, in bytes (the Blocks:MaxBlockBytes of the node); also bounds received messages.</summary>
    public int MaxBlockBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Concurrent streams per connection. Default 100.</summary>
    public int MaxConcurrentStreams { get; set; } = 100;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (EndPoint is null)
        {
            throw new ArgumentException("DeliverHostOptions.EndPoint must be set.");
        }

        if (Tls is null)
        {
            throw new ArgumentException("DeliverHostOptions.Tls must be set: Deliver is served over mutual TLS only.");
        }

        if (MaxBlockBytes <= 0)
        {
            throw new ArgumentException($"DeliverHostOptions.MaxBlockBytes must be positive (was {MaxBlockBytes}).");
        }

        if (MaxConcurrentStreams <= 0)
        {
            throw new ArgumentException($"DeliverHostOptions.MaxConcurrentStreams must be positive (was {MaxConcurrentStreams}).");
        }
    }

    /// <summary>A message holds one block plus a few bytes of framing.</summary>
    internal int MaxMessageBytes => MaxBlockBytes + 64;
}
