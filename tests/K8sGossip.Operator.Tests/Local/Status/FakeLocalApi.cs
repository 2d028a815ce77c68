using System.Net;
using Google.Protobuf;
using Block = K8sGossip.Gossip.Protos.Block;
using BlockData = K8sGossip.Gossip.Protos.BlockData;
using BlockHeader = K8sGossip.Gossip.Protos.BlockHeader;
using BlockMetadata = K8sGossip.Gossip.Protos.BlockMetadata;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Server;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>
/// A peer's local API on 127.0.0.1 that obeys the real contract (<see cref="LocalApiMethods"/> Status, Membership and
/// Blocks over h2c gRPC) with state the test sets: heights, leadership, how it sees other members, committed blocks.
/// </summary>
internal sealed class FakeLocalApi : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<CommittedBlockEvent>> _blocks = new(StringComparer.Ordinal);
    private readonly RpcServer _server;
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _subscriptions;
    private int _openStreams;
    private int _disposed;

    private FakeLocalApi(string name, IReadOnlyList<string> channels, int port)
    {
        Name = name;
        foreach (var channel in channels)
        {
            _blocks[channel] = [];
            Heights[channel] = 0;
        }

        var registry = new RpcServiceRegistry()
            .AddUnary(LocalApiMethods.Status, (_, context) => StatusAsync(context))
            .AddUnary(LocalApiMethods.Membership, (request, _) => Task.FromResult(Membership(request)))
            .AddServerStreaming(LocalApiMethods.Blocks, BlocksAsync);
        _server = new RpcServer(registry, new RpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port) });
    }

    public string Name { get; }

    public string PkiId => NetworkWorld.PkiIdOf(Name);

    public int Port => _server.LocalEndPoint.Port;

    public Dictionary<string, ulong> Heights { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Leading { get; } = new(StringComparer.Ordinal);

    /// <summary>Other members as this peer reports them in every channel: (PKI-ID, endpoint, state).</summary>
    public List<(string PkiId, string Endpoint, string State)> Members { get; } = [];

    /// <summary>When set, Status never answers (until the caller gives up).</summary>
    public bool Hangs { get; set; }

    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public int OpenStreams => Volatile.Read(ref _openStreams);

    public static async Task<FakeLocalApi> StartAsync(string name, IReadOnlyList<string> channels, int port = 0)
    {
        var fake = new FakeLocalApi(name, channels, port);
        await fake._server.StartAsync(CancellationToken.None);
        return fake;
    }

    /// <summary>Commits the next block of <paramref name="channel"/>, cut by the orderer at <paramref name="cutAt"/>.</summary>
    public void Commit(string channel, DateTimeOffset cutAt)
    {
        lock (_gate)
        {
            var number = Heights[channel];
            var block = new Block
            {
                Header = new BlockHeader { Number = number, Channel = channel },
                Data = new BlockData(),
                Metadata = new BlockMetadata { TimestampUnixMs = (ulong)cutAt.ToUnixTimeMilliseconds() },
            };
            _blocks[channel].Add(new CommittedBlockEvent { Channel = channel, Number = number, Block = block.ToByteString() });
            Heights[channel] = number + 1;
            _committed.TrySetResult();
            _committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Changes the state under the lock the handlers read it with.</summary>
    public void Update(Action<FakeLocalApi> change)
    {
        lock (_gate)
        {
            change(this);
        }
    }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? _server.DisposeAsync() : ValueTask.CompletedTask;

    private async Task<StatusReply> StatusAsync(ServerCallContext context)
    {
        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        lock (_gate)
        {
            var reply = new StatusReply { PeerId = Name, PkiId = PkiId, Organization = "AcmeMSP", Endpoint = "127.0.0.1:1" };
            foreach (var (channel, height) in Heights)
            {
                reply.Channels.Add(new ChannelStatus { Name = channel, Height = height, Leader = Leading.Contains(channel), Mode = "gossip" });
            }

            return reply;
        }
    }

    private MembershipReply Membership(MembershipRequest request)
    {
        lock (_gate)
        {
            if (!Heights.TryGetValue(request.Channel, out var height))
            {
                throw new RpcException(StatusCode.NotFound, $"this peer has not joined channel '{request.Channel}'.");
            }

            var reply = new MembershipReply { Channel = request.Channel };
            reply.Members.Add(new Member { PkiId = PkiId, Organization = "AcmeMSP", State = "self", Self = true, Height = height });
            foreach (var (pkiId, endpoint, state) in Members)
            {
                reply.Members.Add(new Member { PkiId = pkiId, Organization = "AcmeMSP", Endpoint = endpoint, State = state });
            }

            return reply;
        }
    }

    private async Task BlocksAsync(BlocksRequest request, IAsyncStreamWriter<CommittedBlockEvent> responses, ServerCallContext context)
    {
        if (!_blocks.TryGetValue(request.Channel, out var blocks))
        {
            throw new RpcException(StatusCode.NotFound, $"this peer has not joined channel '{request.Channel}'.");
        }

        Interlocked.Increment(ref _subscriptions);
        Interlocked.Increment(ref _openStreams);
        try
        {
            var next = request.FromHeight;
            await context.WriteResponseHeadersAsync(context.CancellationToken);
            while (!context.CancellationToken.IsCancellationRequested)
            {
                CommittedBlockEvent[] pending;
                Task committed;
                lock (_gate)
                {
                    pending = [.. blocks.Where(b => b.Number >= next)];
                    committed = _committed.Task;
                }

                foreach (var block in pending)
                {
                    responses.Write(block);
                    next = block.Number + 1;
                }

                await responses.FlushAsync(context.CancellationToken);
                await committed.WaitAsync(context.CancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _openStreams);
        }
    }
}
