using System.Net;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Server;
using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Peer;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.LocalApi;

/// <summary>
/// The local application API of a peer, served over h2c on 127.0.0.1 only (the application container shares the pod's
/// network namespace): committed blocks in order, membership and leaders, status, and authenticated application messages.
/// </summary>
internal sealed class LocalApiService(PeerHost peer)
{
    /// <summary>Starts the API on <paramref name="port"/> of the loopback interface.</summary>
    public async Task<RpcServer> StartAsync(int port, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var registry = new RpcServiceRegistry()
            .AddServerStreaming(LocalApiMethods.Blocks, BlocksAsync)
            .AddUnary(LocalApiMethods.Membership, (request, _) => Task.FromResult(Membership(request)))
            .AddUnary(LocalApiMethods.Status, (_, _) => Task.FromResult(Status()))
            .AddUnary(LocalApiMethods.SendMessage, (request, _) => Task.FromResult(SendMessage(request)))
            .AddServerStreaming(LocalApiMethods.Messages, MessagesAsync);
        var server = new RpcServer(registry, new RpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port), TimeProvider = time }, loggers);
        await server.StartAsync(ct).ConfigureAwait(false);
        return server;
    }

    internal async Task BlocksAsync(BlocksRequest request, IAsyncStreamWriter<CommittedBlockEvent> responses, ServerCallContext context)
    {
        try
        {
            await StreamBlocksAsync(request, responses, context).ConfigureAwait(false);
        }
        catch (BlockStoreCorruptionException e)
        {
            throw new RpcException(StatusCode.DataLoss, $"the block store is damaged: {e.Message}");
        }
    }

    private async Task StreamBlocksAsync(BlocksRequest request, IAsyncStreamWriter<CommittedBlockEvent> responses, ServerCallContext context)
    {
        var channel = Find(request.Channel);
        var ct = context.CancellationToken;
        var next = request.FromHeight;
        var maxBytes = channel.Verifier.MaxBlockBytes;
        while (!ct.IsCancellationRequested)
        {
            var height = channel.Committer.CommittedHeight;
            if (next >= height)
            {
                await responses.FlushAsync(ct).ConfigureAwait(false);
                await channel.Committer.WaitForHeightAsync(next + 1, ct).ConfigureAwait(false);
                continue;
            }

            await foreach (var stored in channel.Store.ReadRangeAsync(next, height - 1, ct).ConfigureAwait(false))
            {
                EncodedBlock.TryDecode(stored.Bytes, maxBytes, out var block, out _);
                responses.Write(new CommittedBlockEvent
                {
                    Channel = channel.Name,
                    Number = stored.Number,
                    HeaderHash = block is null ? ByteString.Empty : ByteString.CopyFrom(block.HeaderHash),
                    Block = ByteString.CopyFrom(stored.Bytes.Span),
                });
                next = stored.Number + 1;
                if (next % 16 == 0)
                {
                    await responses.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
    }

    internal MembershipReply Membership(MembershipRequest request)
    {
        var channel = Find(request.Channel);
        var node = peer.Node;
        var view = node.Channel(channel.Name).View;
        var snapshot = node.Membership.Current;
        var reply = new MembershipReply { Channel = channel.Name };
        reply.Members.Add(new Member
        {
            PkiId = node.Identity.PkiId.ToString(),
            Organization = node.Identity.MspId,
            Endpoint = node.Endpoint,
            State = "self",
            Height = channel.Committer.CommittedHeight,
            Leader = channel.IsLeader,
            Self = true,
        });
        foreach (var member in view.Members.OrderBy(m => m.PkiId))
        {
            var state = snapshot.TryGet(member.PkiId, out var info) ? State(info.State) : "alive";
            reply.Members.Add(new Member
            {
                PkiId = member.PkiId.ToString(),
                Organization = member.MspId,
                Endpoint = member.Endpoint ?? string.Empty,
                State = state,
                Height = member.LedgerHeight,
                Leader = member.IsLeader,
            });
        }

        return reply;
    }

    internal StatusReply Status()
    {
        var node = peer.Node;
        var reply = new StatusReply
        {
            PeerId = peer.Configuration.Peer.Id,
            PkiId = node.Identity.PkiId.ToString(),
            Organization = node.Identity.MspId,
            Endpoint = node.Endpoint,
        };
        foreach (var channel in peer.Channels.Values)
        {
            reply.Channels.Add(new ChannelStatus
            {
                Name = channel.Name,
                Height = channel.Committer.CommittedHeight,
                Leader = channel.IsLeader,
                Mode = channel.Definition.Dissemination.ToString().ToLowerInvariant(),
                Members = (uint)node.Channel(channel.Name).View.Members.Length,
                Sources = { channel.SourceHistory },
            });
        }

        return reply;
    }

    internal SendMessageReply SendMessage(SendMessageRequest request)
    {
        PkiId target;
        try
        {
            target = PkiId.Parse(request.Peer);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"peer '{request.Peer}' is not a PKI-ID (64 hex digits).");
        }

        if (target == peer.Node.Identity.PkiId)
        {
            throw new RpcException(StatusCode.InvalidArgument, "a peer cannot send an application message to itself.");
        }

        return peer.Messages.Send(target, request.Topic, request.Payload.Memory)
            ? new SendMessageReply()
            : throw new RpcException(StatusCode.NotFound, $"peer {request.Peer} is not a known member with an endpoint.");
    }

    internal async Task MessagesAsync(MessagesRequest request, IAsyncStreamWriter<ApplicationMessage> responses, ServerCallContext context)
    {
        var subscription = peer.Messages.Subscribe();
        try
        {
            // Headers first, so the caller knows it is subscribed before any message is sent to this peer.
            await context.WriteResponseHeadersAsync(context.CancellationToken).ConfigureAwait(false);
            await foreach (var message in subscription.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (request.Topic.Length > 0 && request.Topic != message.Topic)
                {
                    continue;
                }

                await responses.WriteAsync(
                    new ApplicationMessage
                    {
                        Sender = message.Sender.ToString(),
                        Organization = message.Organization,
                        Topic = message.Topic,
                        Payload = ByteString.CopyFrom(message.Payload.Span),
                    },
                    context.CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            peer.Messages.Unsubscribe(subscription);
        }
    }

    private static string State(PeerLiveness liveness) => liveness switch
    {
        PeerLiveness.Suspect => "suspect",
        PeerLiveness.Dead => "dead",
        _ => "alive",
    };

    private PeerChannel Find(string name)
    {
        if (name.Length == 0 && peer.Channels.Count == 1)
        {
            return peer.Channels.Values.First();
        }

        return peer.Channels.TryGetValue(name, out var channel)
            ? channel
            : throw new RpcException(StatusCode.NotFound, $"this peer has not joined channel '{name}'.");
    }
}
