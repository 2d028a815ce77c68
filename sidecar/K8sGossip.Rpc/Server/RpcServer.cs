using System.Net;
using System.Security.Authentication;
using K8sGossip.Rpc.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Rpc.Server;

/// <summary>A standalone gRPC server: Kestrel listening on one endpoint with HTTP/2 only, h2c or (mutual) TLS.</summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly RpcServiceRegistry _services;
    private readonly RpcServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private WebApplication? _app;
    private IPEndPoint? _localEndPoint;

    /// <summary>Creates a server for <paramref name="services"/>; nothing listens until <see cref="StartAsync"/>.</summary>
    public RpcServer(RpcServiceRegistry services, RpcServerOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _services = services;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The endpoint actually bound (with the real port when port 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>Binds the endpoint and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The server has already been started.");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(ConfigureKestrel);
        var app = builder.Build();
        var processor = new RpcRequestProcessor(_services, _options, _loggerFactory.CreateLogger("K8sGossip.Rpc.Server"));
        app.Run(processor.ProcessAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        string address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        _localEndPoint = new IPEndPoint(_options.EndPoint.Address, new Uri(address).Port);
    }

    /// <summary>Stops accepting calls and waits (bounded by <paramref name="cancellationToken"/>) for running calls to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _options.TimeProvider);
            try
            {
                await app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.Http2.MaxStreamsPerConnection = _options.MaxConcurrentStreams;
        kestrel.Limits.Http2.KeepAlivePingDelay = _options.KeepAlivePingDelay;
        kestrel.Limits.Http2.KeepAlivePingTimeout = _options.KeepAlivePingTimeout;

        // Larger windows keep a 1 MiB gossip message from stalling on flow control.
        kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
        kestrel.Listen(_options.EndPoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (_options.Tls is { } tls)
            {
                listen.UseHttps(CreateHttpsOptions(tls));
            }
        });
    }

    private static HttpsConnectionAdapterOptions CreateHttpsOptions(RpcServerTlsOptions tls)
    {
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = tls.ServerCertificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CheckCertificateRevocation = false,
            ClientCertificateMode = tls.RequireClientCertificate ? ClientCertificateMode.RequireCertificate
                : tls.ClientCertificateValidator is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.AllowCertificate,
        };
        if (tls.ClientCertificateValidator is { } validator)
        {
            https.ClientCertificateValidation = (certificate, chain, errors) => validator(certificate, chain, errors);
            https.OnAuthenticate = (_, ssl) => ssl.CertificateChainPolicy = CertificateTrust.ValidatorDecidesPolicy();
        }

        return https;
    }
}
