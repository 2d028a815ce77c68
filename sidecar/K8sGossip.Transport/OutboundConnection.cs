using System.Security.Cryptography;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Transport;

/// <summary>A dialled gossip connection: its own HTTP/2 connection with mutual TLS and one bidirectional stream.</summary>
internal sealed partial class OutboundConnection : GrpcConnection
{
    private readonly Action<GrpcConnection> _onFinished;
    private readonly SemaphoreSlim _dialTurns;
    private readonly TimeSpan _startAfter;

    public OutboundConnection(
        string endpoint,
        GrpcTransportOptions options,
        ReadOnlyMemory<byte> localCertificateHash,
        SemaphoreSlim dialTurns,
        TimeSpan startAfter,
        Action<GrpcConnection> onFinished,
        ILogger logger)
        : base(endpoint, isOutbound: true, options, localCertificateHash, logger)
    {
        _onFinished = onFinished;
        _dialTurns = dialTurns;
        _startAfter = startAfter;
    }

    /// <summary>Ends when the stream and its HTTP/2 connection are gone.</summary>
    public Task Finished { get; private set; } = Task.CompletedTask;

    protected override void OnStarted() => Finished = RunAsync();

    private async Task RunAsync()
    {
        RpcChannel? channel = null;
        AsyncDuplexStreamingCall<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>? call = null;
        Task sending = Task.CompletedTask;
        var turn = false;
        try
        {
            if (IsClosed)
            {
                return;
            }

            if (_startAfter > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(_startAfter, Options.TimeProvider, Abort.Token), OpenedOrClosed).ConfigureAwait(false);
            }

            if (!IsClosed)
            {
                await _dialTurns.WaitAsync(Abort.Token).ConfigureAwait(false);
                turn = true;
            }

            if (IsClosed)
            {
                return; // given up before it started (the peer's own connection arrived first)
            }

            byte[]? serverCertificateHash = null;
            channel = new RpcChannel(ParseEndpoint(RemoteAddress), new RpcChannelOptions
            {
                ClientCertificate = Options.Certificate,
                ServerCertificateValidator = (certificate, chain, errors) =>
                {
                    if (!Options.PeerCertificateValidator!(certificate, chain, errors))
                    {
                        return false;
                    }

                    // One channel per connection, so this is the certificate of this very session.
                    serverCertificateHash = SHA256.HashData(certificate.RawData);
                    return true;
                },
                MaxReceiveMessageSize = Options.MaxFrameBytes,
                MaxSendMessageSize = Options.MaxFrameBytes,
                ConnectTimeout = Options.ConnectTimeout,
                KeepAlivePingDelay = Options.KeepAlivePingDelay,
                KeepAlivePingTimeout = Options.KeepAlivePingTimeout,
                TimeProvider = Options.TimeProvider,
            });
            call = channel.DuplexStreaming(GossipStreamMethod.Stream, new CallOptions(CancellationToken: Abort.Token));
            sending = SendThenCompleteAsync(call.RequestStream);

            using (var connectTimeout = new CancellationTokenSource(Options.ConnectTimeout, Options.TimeProvider))
            {
                await call.ResponseHeadersAsync().WaitAsync(connectTimeout.Token).ConfigureAwait(false);
            }

            RemoteCertificateHash = serverCertificateHash ?? throw new InvalidOperationException("The TLS session has no validated server certificate.");
            _dialTurns.Release();
            turn = false;
            MarkOpened();
            await ReceiveLoopAsync(call.ResponseStream, Abort.Token).ConfigureAwait(false);
            CloseCore("closed by remote");
        }
        catch (RpcException ex)
        {
            CloseCore(IsOpenedOrClosed ? $"stream ended: {ex.Status}" : $"dial failed: {ex.Status}");
        }
        catch (OperationCanceledException)
        {
            CloseCore(IsOpenedOrClosed ? "stream aborted" : $"dial failed: no response within {Options.ConnectTimeout.TotalSeconds} s");
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            CloseCore($"dial failed: invalid endpoint '{RemoteAddress}': {ex.Message}");
        }
        catch (Exception ex)
        {
            LogConnectionFailed(Logger, Id, RemoteAddress, ex);
            CloseCore($"connection failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            if (turn)
            {
                _dialTurns.Release();
            }

            await FinishAsync(sending, call, channel).ConfigureAwait(false);
        }
    }

    private bool IsOpenedOrClosed => IsClosed || !RemoteCertificateHash.IsEmpty;

    private async Task SendThenCompleteAsync(IClientStreamWriter<ReadOnlyMemory<byte>> requests)
    {
        try
        {
            await SendLoopAsync(requests, Abort.Token).ConfigureAwait(false);

            // Half-close: the remote reads the end of our stream, closes its side and ends the call with OK.
            await requests.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or InvalidOperationException)
        {
            CloseCore("send failed: " + (ex is RpcException rpc ? rpc.Status.ToString() : ex.GetType().Name));
        }
    }

    private async Task FinishAsync(Task sending, AsyncDuplexStreamingCall<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>? call, RpcChannel? channel)
    {
        CloseCore("closed");
        try
        {
            await sending.ConfigureAwait(false);
        }
        finally
        {
            call?.Dispose();
            channel?.Dispose();
            ReleaseResources();
            _onFinished(this);
        }
    }

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Gossip connection {Id} to {Remote} failed unexpectedly")]
    private static partial void LogConnectionFailed(ILogger logger, long id, string remote, Exception exception);

    private static Uri ParseEndpoint(string endpoint)
    {
        var uri = new Uri("https://" + endpoint, UriKind.Absolute);
        if (uri.IsDefaultPort || !string.IsNullOrEmpty(uri.PathAndQuery.Trim('/')))
        {
            throw new ArgumentException("expected host:port", nameof(endpoint));
        }

        return uri;
    }
}
