using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Rpc.Security;

namespace K8sGossip.Rpc.Client;

/// <summary>
/// A client for one target address. Every call multiplexes onto one HTTP/2 connection (h2c for http://, TLS for
/// https://), kept alive with pings; create one channel per target and reuse it.
/// </summary>
public sealed class RpcChannel : IDisposable
{
    /// <summary>Creates a channel; the connection is opened by the first call.</summary>
    public RpcChannel(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new RpcChannelOptions();
        options.Validate(address);
        Address = address;
        Options = options;
        Invoker = new HttpMessageInvoker(CreateHandler(address, options), disposeHandler: true);
    }

    /// <summary>The target address.</summary>
    public Uri Address { get; }

    internal RpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Makes a unary call.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        using var call = Start(method, MethodType.Unary, options);
        call.WriteSingleAndComplete(request);
        return await ReadSingleResponseAsync(call, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Starts a server-streaming call.</summary>
    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        var call = Start(method, MethodType.ServerStreaming, options);
        try
        {
            call.WriteSingleAndComplete(request);
        }
        catch (RpcException)
        {
            // The failure (for example an expired deadline) surfaces when the response stream is read.
        }

        return new AsyncServerStreamingCall<TResponse>(call, call);
    }

    /// <summary>Starts a client-streaming call.</summary>
    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
    {
        var call = Start(method, MethodType.ClientStreaming, options);
        return new AsyncClientStreamingCall<TRequest, TResponse>(call, call, call);
    }

    /// <summary>Starts a bidirectional streaming call.</summary>
    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
    {
        var call = Start(method, MethodType.DuplexStreaming, options);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call, call);
    }

    /// <summary>Closes the connection; running calls fail.</summary>
    public void Dispose() => Invoker.Dispose();

    internal Uri UriFor(string path) => new(Address, path);

    internal static async Task<TResponse> ReadSingleResponseAsync<TResponse>(IAsyncStreamReader<TResponse> responses, CancellationToken cancellationToken)
    {
        if (!await responses.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The call completed with status OK but without a response message.");
        }

        TResponse response = responses.Current;
        if (await responses.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The server sent more than one response message for a single-response method.");
        }

        return response;
    }

    private ClientCall<TRequest, TResponse> Start<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.FullName} is {method.Type}, not {expected}.", nameof(method));
        }

        return new ClientCall<TRequest, TResponse>(this, method, options);
    }

    private static SocketsHttpHandler CreateHandler(Uri address, RpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = options.AllowAdditionalConnections,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,

            // A larger initial window lets a 1 MiB message flow without waiting for window updates.
            InitialHttp2StreamWindowSize = 1024 * 1024,
        };
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = CreateSslOptions(options);
        }

        return handler;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<X509Certificate2, SslStreamCertificateContext> ClientContexts = [];

    private static SslClientAuthenticationOptions CreateSslOptions(RpcChannelOptions options)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (options.ClientCertificate is { } clientCertificate)
        {
            // A context is always offered, whatever issuers the server lists (the server decides trust), and is built
            // once per certificate: building it per handshake walks the system root store each time.
            ssl.ClientCertificateContext = ClientContexts.GetValue(clientCertificate, c => SslStreamCertificateContext.Create(c, additionalCertificates: null, offline: true));
        }

        if (options.ServerCertificateValidator is { } validator)
        {
            ssl.CertificateChainPolicy = CertificateTrust.ValidatorDecidesPolicy();
            ssl.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                certificate is not null && validator(certificate as X509Certificate2 ?? new X509Certificate2(certificate), chain, errors);
        }

        return ssl;
    }
}
