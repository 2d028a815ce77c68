using Google.Protobuf;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// One Blocks stream per peer and channel, from the height the peer had when subscribed: each committed block's
/// latency (receive time minus the orderer's cut time in its metadata) goes to the <see cref="LatencyRecorder"/>.
/// A stream that ends (the peer died or restarted) is started again by the next <see cref="Ensure"/> call.
/// </summary>
internal sealed class BlockLatencyStreams : IAsyncDisposable
{
    /// <summary>The last millisecond <see cref="DateTimeOffset"/> can represent.</summary>
    private const ulong MaxUnixMs = 253_402_300_799_999;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Peer, string Channel), Task> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly LatencyRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ObserverDiagnostics _diagnostics;

    /// <summary>Creates the streams' owner.</summary>
    public BlockLatencyStreams(LatencyRecorder recorder, TimeProvider time, ObserverDiagnostics diagnostics)
    {
        _recorder = recorder;
        _time = time;
        _diagnostics = diagnostics;
    }

    /// <summary>How many streams run now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Values.Count(t => !t.IsCompleted);
            }
        }
    }

    /// <summary>Starts a stream of <paramref name="channel"/> on <paramref name="peer"/> from <paramref name="fromHeight"/> unless one runs.</summary>
    public void Ensure(string peer, string channel, ulong fromHeight, RpcChannel rpc)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || (_running.TryGetValue((peer, channel), out var task) && !task.IsCompleted))
            {
                return;
            }

            _running[(peer, channel)] = Task.Run(() => StreamAsync(peer, channel, fromHeight, rpc, _stopping.Token));
        }
    }

    /// <summary>Ends every stream.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            running = [.. _running.Values];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task StreamAsync(string peer, string channel, ulong fromHeight, RpcChannel rpc, CancellationToken ct)
    {
        // Blocks cut before the subscription are the peer's backlog (a restart, a late start): catching up is not
        // dissemination, so only blocks cut from now on count.
        var since = _time.GetUtcNow();
        try
        {
            using var call = rpc.ServerStreaming(LocalApiMethods.Blocks, new BlocksRequest { Channel = channel, FromHeight = fromHeight }, new CallOptions(CancellationToken: ct));
            while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
            {
                Record(peer, channel, call.ResponseStream.Current, since);
            }

            _diagnostics.StreamFailed(peer, channel, "Ended", "the peer ended the stream");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Never let a stream fault go unobserved: the next round resubscribes if the peer answers.
            _diagnostics.StreamFailed(peer, channel, PeerPoller.Cause(e), PeerPoller.Detail(e));
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping: nothing to report.
        }
    }

    private void Record(string peer, string channel, CommittedBlockEvent committed, DateTimeOffset since)
    {
        var received = _time.GetUtcNow();
        ulong cutMs;
        try
        {
            cutMs = Block.Parser.ParseFrom(committed.Block).Metadata?.TimestampUnixMs ?? 0;
        }
        catch (InvalidProtocolBufferException e)
        {
            _diagnostics.BlockMalformed(peer, channel, committed.Number, e.Message);
            return;
        }

        if (cutMs == 0)
        {
            // A block without a cut time (a genesis block) says nothing about dissemination.
            return;
        }

        if (cutMs > MaxUnixMs)
        {
            _diagnostics.BlockMalformed(peer, channel, committed.Number, $"the block's metadata has no usable cut time ({cutMs})");
            return;
        }

        var cut = DateTimeOffset.FromUnixTimeMilliseconds((long)cutMs);
        if (cut < since)
        {
            return;
        }

        _recorder.Record(channel, received, cut);
    }
}
