using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace K8sGossip.Rpc.Server;

/// <summary>What a handler knows about the call it serves: peer, certificate, headers, deadline and cancellation.</summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;

    internal ServerCallContext(HttpContext httpContext, string method, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        _httpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The method path, <c>/service/method</c>.</summary>
    public string Method { get; }

    /// <summary>The peer's address as <c>ip:port</c>.</summary>
    public string Peer => $"{_httpContext.Connection.RemoteIpAddress}:{_httpContext.Connection.RemotePort}";

    /// <summary>The certificate the peer presented in the TLS handshake, or null (h2c, or no certificate asked for).</summary>
    public X509Certificate2? ClientCertificate => _httpContext.Connection.ClientCertificate;

    /// <summary>The request headers (call metadata). Pseudo-headers and protocol headers are included.</summary>
    public IHeaderDictionary RequestHeaders => _httpContext.Request.Headers;

    /// <summary>The absolute deadline from <c>grpc-timeout</c>, or null when the client set none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the client cancels (RST_STREAM), the connection drops, or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True once the response has begun, so the status must travel in trailers.</summary>
    internal bool ResponseStarted { get; set; }

    /// <summary>Sends the response headers now, before any message: lets a streaming peer know the call was accepted.</summary>
    public async Task WriteResponseHeadersAsync(CancellationToken cancellationToken = default)
    {
        ResponseStarted = true;
        await _httpContext.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        await _httpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
