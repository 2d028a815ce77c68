using System.Security.Cryptography;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Server;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Transport;

/// <summary>An accepted gossip connection: one bidirectional call on our peer port.</summary>
internal sealed class InboundConnection : GrpcConnection
{
    public InboundConnection(ServerCallContext context, GrpcTransportOptions options, ReadOnlyMemory<byte> localCertificateHash, ILogger logger)
        : base(context.Peer, isOutbound: false, options, localCertificateHash, logger)
    {
        RemoteCertificateHash = context.ClientCertificate is { } certificate ? SHA256.HashData(certificate.RawData) : ReadOnlyMemory<byte>.Empty;
    }

    protected override void OnStarted() => MarkOpened();

    /// <summary>Serves the call until either side closes; returning ends the call with status OK.</summary>
    public async Task RunAsync(IAsyncStreamReader<ReadOnlyMemory<byte>> requests, IAsyncStreamWriter<ReadOnlyMemory<byte>> responses, CancellationToken callToken)
    {
        using var callAborted = callToken.UnsafeRegister(static state => ((InboundConnection)state!).AbortNow("stream reset by remote", local: false), this);
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(Abort.Token);
        var receiving = ReceiveThenCloseAsync(requests, stopReceiving.Token);
        try
        {
            await SendLoopAsync(responses, Abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException)
        {
            CloseCore("send failed: " + ex.GetType().Name);
        }

        // The send loop ends only once the connection is closing: stop reading and end the call.
        await stopReceiving.CancelAsync().ConfigureAwait(false);
        await receiving.ConfigureAwait(false);
    }

    /// <summary>Releases timers once the call has ended.</summary>
    public void Release() => ReleaseResources();

    private async Task ReceiveThenCloseAsync(IAsyncStreamReader<ReadOnlyMemory<byte>> requests, CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveLoopAsync(requests, cancellationToken).ConfigureAwait(false);
            CloseCore("closed by remote");
        }
        catch (RpcException ex)
        {
            CloseCore($"stream ended: {ex.Status}");
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            CloseCore(IsClosed ? "closed" : "stream aborted: " + ex.GetType().Name);
        }
    }
}
