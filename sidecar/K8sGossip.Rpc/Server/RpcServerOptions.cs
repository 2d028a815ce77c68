using System.Net;
using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Server;

/// <summary>Settings of an RPC server: where it listens, TLS, message limits and HTTP/2 keepalive.</summary>
public sealed class RpcServerOptions
{
    /// <summary>Where a standalone <see cref="RpcServer"/> listens; port 0 picks a free port. Default 127.0.0.1:0.</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>TLS settings; null serves h2c (HTTP/2 with prior knowledge, no TLS), meant for localhost only.</summary>
    public RpcServerTlsOptions? Tls { get; set; }

    /// <summary>Largest request message accepted, in bytes; larger ones end the call with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest response message sent, in bytes; a handler writing a larger one gets RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Idle time after which the server pings a connection. Default 30 s; <see cref="Timeout.InfiniteTimeSpan"/> disables.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may stay unanswered before the connection is closed. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Concurrent calls allowed on one connection. Default 100.</summary>
    public int MaxConcurrentStreams { get; set; } = 100;

    /// <summary>The clock for deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (EndPoint is null)
        {
            throw new ArgumentException("RpcServerOptions.EndPoint must be set.");
        }

        if (MaxReceiveMessageSize <= 0)
        {
            throw new ArgumentException($"RpcServerOptions.MaxReceiveMessageSize must be positive (was {MaxReceiveMessageSize}).");
        }

        if (MaxSendMessageSize <= 0)
        {
            throw new ArgumentException($"RpcServerOptions.MaxSendMessageSize must be positive (was {MaxSendMessageSize}).");
        }

        if (KeepAlivePingDelay != Timeout.InfiniteTimeSpan && KeepAlivePingDelay < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"RpcServerOptions.KeepAlivePingDelay must be at least 1 s or infinite (was {KeepAlivePingDelay}).");
        }

        if (KeepAlivePingTimeout != Timeout.InfiniteTimeSpan && KeepAlivePingTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"RpcServerOptions.KeepAlivePingTimeout must be at least 1 s or infinite (was {KeepAlivePingTimeout}).");
        }

        if (MaxConcurrentStreams <= 0)
        {
            throw new ArgumentException($"RpcServerOptions.MaxConcurrentStreams must be positive (was {MaxConcurrentStreams}).");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("RpcServerOptions.TimeProvider must be set.");
        }

        Tls?.Validate();
    }
}
