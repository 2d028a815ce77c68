using System.Threading.Channels;
using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Peer;

/// <summary>
/// Authenticated application messages between peers: each is an <see cref="AppMessage"/> signed by its sender and sent
/// over the engine's comm; on receipt the signature is verified against the sender's certificate before the message is
/// handed to the local subscribers (the local API's message streams). Refused messages are counted by reason.
/// </summary>
internal sealed partial class AppMessageExchange
{
    private const int SubscriberCapacity = 1024;
    private readonly GossipNode _node;
    private readonly ISigner _signer;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Channel<ReceivedAppMessage>> _subscribers = [];
    private long _refused;

    public AppMessageExchange(GossipNode node, ISigner signer, ILogger<AppMessageExchange> logger)
    {
        _node = node;
        _signer = signer;
        _logger = logger;
        lock (node.Context.Gate)
        {
            node.Comm.Handle(GossipMessage.ContentOneofCase.App, OnReceived);
        }
    }

    /// <summary>Messages refused because the signature did not verify.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Sends <paramref name="payload"/> under <paramref name="topic"/> to <paramref name="peer"/>, signed by this
    /// node. False when the peer is not a known member with an endpoint.</summary>
    public bool Send(PkiId peer, string topic, ReadOnlyMemory<byte> payload)
    {
        var sent = false;
        _node.Context.Run("app message send", () =>
        {
            if (!_node.Membership.Current.TryGet(peer, out var member) || member.DialEndpoint is not { } endpoint)
            {
                return;
            }

            var message = new GossipMessage
            {
                Nonce = (ulong)_node.Context.Random.NextInt64(),
                Tag = RoutingTag.Any,
                App = new AppMessage { Topic = topic, Payload = ByteString.CopyFrom(payload.Span) },
            };
            _node.Comm.Send(new RemotePeer(peer, endpoint), SignedEnvelope.Create(message, _signer));
            sent = true;
        });
        return sent;
    }

    /// <summary>A stream of verified messages from now on; complete it (or cancel the reader) to unsubscribe.</summary>
    public Channel<ReceivedAppMessage> Subscribe()
    {
        var channel = Channel.CreateBounded<ReceivedAppMessage>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        return channel;
    }

    /// <summary>Ends a subscription.</summary>
    public void Unsubscribe(Channel<ReceivedAppMessage> subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }

        subscription.Writer.TryComplete();
    }

    private void OnReceived(ReceivedMessage received)
    {
        var verdict = SignedEnvelope.Verify(received.Envelope, received.SenderPkiId, _node.Identities);
        if (verdict != IdentityRejection.None)
        {
            var count = Interlocked.Increment(ref _refused);
            _node.Counters.Reject(RejectionReason.BadSignature);
            if (count == 1 || count % 100 == 0)
            {
                // The first refusal and then every hundredth: a hostile peer cannot flood the log.
                Log.Refused(_logger, received.SenderPkiId.Short, verdict.ToString(), count);
            }
            return;
        }

        var message = new ReceivedAppMessage(received.SenderPkiId, received.SenderMspId, received.Message.App.Topic, received.Message.App.Payload.Memory);
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Application message from {Peer} refused: {Reason} ({Count} refused so far)")]
        public static partial void Refused(ILogger logger, string peer, string reason, long count);
    }
}

