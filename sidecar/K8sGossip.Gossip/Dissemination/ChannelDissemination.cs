using System.Diagnostics;
using Google.Protobuf;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Telemetry;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>
/// Block dissemination of one channel on one node: validates and stores what arrives, delivers each item
/// once to the layer above, pushes it on (Plumtree or infect-and-die), and repairs by pull.
/// </summary>
/// <remarks>Every member runs under the node's gate; <see cref="Publish"/> takes it itself.</remarks>
public sealed partial class ChannelDissemination : IDisposable
{
    private readonly NodeContext _node;
    private readonly IDataValidator _validator;
    private readonly RejectionCounter _rejections;
    private readonly IPushStrategy _push;
    private readonly PullExchange _pull;
    private readonly ILogger _log;
    private bool _started;

    /// <summary>Creates the dissemination of <paramref name="channel"/>; nothing happens until <see cref="Start"/>.</summary>
    public ChannelDissemination(GossipChannel channel, NodeContext node, DisseminationOptions options, IDataValidator validator, RejectionCounter rejections)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Channel = channel;
        _node = node;
        Options = options;
        _validator = validator ?? AcceptAllDataValidator.Instance;
        _rejections = rejections;
        _log = node.LoggerFactory.CreateLogger<ChannelDissemination>();
        Store = new MessageStore(options.StoreMaxCount, options.StoreMaxBytes, options.StoreMaxAge, node.Time);
        _push = options.PushMode == PushMode.Plumtree ? new PlumtreePush(this) : new InfectAndDiePush(this);
        _pull = new PullExchange(this);
    }

    /// <summary>The channel.</summary>
    public GossipChannel Channel { get; }

    /// <summary>The settings in force.</summary>
    public DisseminationOptions Options { get; }

    /// <summary>What is kept for grafts and pulls.</summary>
    public MessageStore Store { get; }

    /// <summary>Which items this node already has (delivered or published).</summary>
    public SeenWindow Seen { get; } = new();

    /// <summary>What this node did.</summary>
    public DisseminationStats Stats { get; } = new();

    /// <summary>Raised (under the gate) once per valid item that reached this node from a peer.</summary>
    public event Action<DeliveredData>? Delivered;

    internal NodeContext Node => _node;

    internal RejectionCounter Rejections => _rejections;

    /// <summary>Registers the message handlers and starts the pull rounds.</summary>
    public void Start() => _node.Run("dissemination start", () =>
    {
        if (_started)
        {
            return;
        }

        _started = true;
        Channel.Handle(GossipMessage.ContentOneofCase.Data, OnData);
        Channel.Handle(GossipMessage.ContentOneofCase.Ihave, m => _push.OnIHave(m.SenderPkiId, m.Message.Ihave));
        Channel.Handle(GossipMessage.ContentOneofCase.Graft, m => _push.OnGraft(m.SenderPkiId, m.Message.Graft));
        Channel.Handle(GossipMessage.ContentOneofCase.Prune, m => _push.OnPrune(m.SenderPkiId));
        Channel.Handle(GossipMessage.ContentOneofCase.PullHello, _pull.OnHello);
        Channel.Handle(GossipMessage.ContentOneofCase.PullDigest, _pull.OnDigest);
        Channel.Handle(GossipMessage.ContentOneofCase.PullRequest, _pull.OnRequest);
        Channel.Handle(GossipMessage.ContentOneofCase.PullResponse, _pull.OnResponse);
        Channel.Changed += _push.OnViewChanged;
        _push.OnViewChanged(Channel.View);
        if (Options.PullEnabled)
        {
            _pull.Start();
        }
    });

    /// <summary>Disseminates an item this node obtained itself (the org leader's block from the orderer).
    /// The caller already validated it; it is not delivered back.</summary>
    public void Publish(ulong seq, ReadOnlyMemory<byte> data, string? traceParent = null, string? traceState = null) =>
        _node.Run("dissemination publish", () =>
        {
            TraceContext? trace = traceParent is null ? null : new TraceContext { Traceparent = traceParent, Tracestate = traceState ?? string.Empty };
            if (!Seen.Add(seq))
            {
                return;
            }

            var bytes = ByteString.CopyFrom(data.Span);
            var item = Store.TryAdd(seq, bytes, 0, trace) && Store.TryGet(seq, out var stored)
                ? stored
                : new StoredItem(seq, bytes, 0, trace, _node.Time.GetTimestamp());
            _push.OnNew(item, null, DataSource.Local);
        });

    /// <inheritdoc />
    public void Dispose()
    {
        Channel.Changed -= _push.OnViewChanged;
        _push.Dispose();
        _pull.Dispose();
    }

    /// <summary>Whether pushing to <paramref name="peer"/> is pointless: its StateInfo height lags this node's by more
    /// than the threshold, so it catches up by state transfer.</summary>
    internal bool IsFarBehind(PkiId peer)
    {
        var own = Channel.LedgerHeight;
        return Channel.View.TryGet(peer, out var member)
            && own > member.LedgerHeight
            && own - member.LedgerHeight > Options.FarBehindThreshold;
    }

    /// <summary>Whether this node is itself too far behind <paramref name="seq"/> to want it by gossip.</summary>
    internal bool IsBeyondReach(ulong seq)
    {
        var own = Channel.LedgerHeight;
        return seq > own && seq - own > Options.FarBehindThreshold;
    }

    /// <summary>Whether <paramref name="seq"/> is one this node lacks and wants.</summary>
    internal bool Wants(ulong seq)
    {
        Seen.RaiseFloor(Channel.LedgerHeight);
        return !Seen.Contains(seq) && !IsBeyondReach(seq);
    }

    /// <summary>Sends a stored item to peers (its envelope is built once).</summary>
    internal void SendData(StoredItem item, IEnumerable<PkiId> peers)
    {
        Envelope? envelope = null;
        foreach (var peer in peers)
        {
            envelope ??= Channel.CreateEnvelope(item.ToMessage());
            if (Channel.Send(peer, envelope))
            {
                Stats.PushesSent++;
                Stats.DataBytesSent += item.Data.Length;
            }
        }
    }

    /// <summary>Sends a control message to a same-org channel member.</summary>
    internal bool SendControl(PkiId peer, GossipMessage message) => Channel.Send(peer, Channel.CreateEnvelope(message));

    /// <summary>Validates, stores and delivers an item that arrived from <paramref name="from"/>.</summary>
    internal IngestResult Ingest(DataMessage data, TraceContext? trace, PkiId from, DataSource source, out StoredItem? item)
    {
        item = null;
        Stats.CopiesReceived++;
        var seq = data.SeqNum;
        Seen.RaiseFloor(Channel.LedgerHeight);
        if (Seen.Contains(seq))
        {
            Stats.Duplicates++;
            GossipMetrics.CopyReceived(Channel.Name, SourceName(source), duplicate: true);
            return IngestResult.Duplicate;
        }

        GossipMetrics.CopyReceived(Channel.Name, SourceName(source), duplicate: false);

        var invalid = _validator.Validate(Channel.Name, seq, data.Data.Memory);
        if (invalid is not null)
        {
            Stats.Invalid++;
            _rejections.Reject(from, RejectionReason.InvalidBlock, $"Item {seq} of channel {Channel.Name}: {invalid}");
            return IngestResult.Invalid;
        }

        var hops = data.Hops == uint.MaxValue ? data.Hops : data.Hops + 1;

        // This node's receive span is a child of the sender's; its context is what this node forwards and what the
        // block layer continues from (it is current while Delivered runs). Without a span the incoming context rides on.
        using var span = BlockTracing.StartChild(SpanNames.GossipReceive, ActivityKind.Consumer, trace?.Traceparent, trace?.Tracestate, Channel.Name, seq);
        if (span is not null)
        {
            span.SetTag(SpanAttributes.Source, SourceName(source));
            span.SetTag(SpanAttributes.Hops, (long)hops);
            trace = new TraceContext { Traceparent = span.Id, Tracestate = span.TraceStateString ?? string.Empty };
        }

        Seen.Add(seq);
        // An item older than everything the store keeps is still delivered and forwarded; it is just not kept.
        item = Store.TryAdd(seq, data.Data, hops, trace) && Store.TryGet(seq, out var stored)
            ? stored
            : new StoredItem(seq, data.Data, hops, trace, _node.Time.GetTimestamp());

        Stats.Delivered++;
        switch (source)
        {
            case DataSource.Push:
                Stats.DeliveredByPush++;
                break;
            case DataSource.Graft:
                Stats.DeliveredByGraft++;
                break;
            case DataSource.Pull:
                Stats.DeliveredByPull++;
                break;
        }

        Delivered?.Invoke(new DeliveredData(
            Channel.Name,
            seq,
            data.Data.Memory,
            (int)Math.Min(hops, int.MaxValue),
            string.IsNullOrEmpty(trace?.Traceparent) ? null : trace.Traceparent,
            string.IsNullOrEmpty(trace?.Tracestate) ? null : trace.Tracestate,
            from,
            source));
        return IngestResult.New;
    }

    /// <summary>Hands an item that arrived by pull to push, so the peers below this node get it too.</summary>
    internal void OnPulled(StoredItem item, PkiId from) => _push.OnNew(item, from, DataSource.Pull);

    /// <summary>Called when a missing item arrived (by any path) so pending repairs stop.</summary>
    internal void OnArrived(ulong seq) => _push.OnArrived(seq);

    private static string SourceName(DataSource source) => source switch
    {
        DataSource.Push => "push",
        DataSource.Graft => "graft",
        DataSource.Pull => "pull",
        _ => "local",
    };

    private void OnData(ReceivedMessage message)
    {
        var data = message.Message.Data;
        var source = _push.WasGrafted(data.SeqNum, message.SenderPkiId) ? DataSource.Graft : DataSource.Push;
        switch (Ingest(data, message.Message.Trace, message.SenderPkiId, source, out var item))
        {
            case IngestResult.New:
                _push.OnNew(item!, message.SenderPkiId, source);
                break;
            case IngestResult.Duplicate:
                _push.OnDuplicate(data.SeqNum, message.SenderPkiId, source);
                break;
            case IngestResult.Invalid:
                Log.InvalidData(_log, Channel.Name, data.SeqNum, message.SenderPkiId.Short);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Channel {Channel}: item {Seq} from {Peer} failed validation; not stored or forwarded")]
        public static partial void InvalidData(ILogger logger, string channel, ulong seq, string peer);
    }
}
