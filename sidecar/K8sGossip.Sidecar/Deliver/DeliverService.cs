using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>
/// Serves <c>Deliver.Blocks</c> from a node's block stores: the orderer role and every peer run this same class.
/// Blocks go out exactly as stored; writes are flushed with HTTP/2 flow control awaited, so a slow reader slows the
/// stream instead of making the server buffer. A follow stream waits for the ledger to grow without polling.
/// </summary>
/// <remarks>Stream shape: a <see cref="DeliverStatus"/> with the server's height first (a head announcement), then the
/// blocks, then a final <see cref="DeliverStatus"/>. Refusals: unknown channel NOT_FOUND, caller not allowed
/// PERMISSION_DENIED, start beyond the height without follow OUT_OF_RANGE, stop before start INVALID_ARGUMENT,
/// a damaged record DATA_LOSS (the record itself is never sent).</remarks>
public sealed partial class DeliverService
{
    private const int FlushBytes = 256 * 1024;

    private readonly Func<string, IDeliverLedger?> _ledgers;
    private readonly DeliverAuthorizer _authorizer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long[] _lastLogged = new long[32];

    /// <summary>Creates a service reading the ledger of each channel from <paramref name="ledgers"/> (null: not served).</summary>
    public DeliverService(Func<string, IDeliverLedger?> ledgers, DeliverAuthorizer authorizer, TimeProvider time, ILogger<DeliverService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(time);
        _ledgers = ledgers;
        _authorizer = authorizer;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Streams, blocks served and refusals.</summary>
    public DeliverServiceCounters Counters { get; } = new();

    /// <summary>The streams accepted most recently.</summary>
    public DeliverStreamLog Openings { get; } = new();

    /// <summary>Adds <c>Deliver.Blocks</c> to <paramref name="registry"/>.</summary>
    public RpcServiceRegistry Register(RpcServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddServerStreaming(DeliverMethods.Blocks, ServeAsync);
    }

    /// <summary>Serves one Deliver request.</summary>
    internal async Task ServeAsync(DeliverRequest request, IAsyncStreamWriter<DeliverFrame> responses, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var ledger = Admit(request, context);
        var last = request.Follow && request.Stop == 0 ? ulong.MaxValue - 1 : request.Stop;
        Counters.StreamOpened();
        Openings.Record(context.ClientCertificate, request.Channel, request.Start, request.Follow, _time.GetUtcNow());
        Log.StreamOpened(_logger, request.Channel, context.Peer, request.Start, request.Stop, request.Follow);

        responses.Write(DeliverFrame.ForStatus(new DeliverStatus { Height = ledger.Height, Message = "head" }));
        await responses.FlushAsync(ct).ConfigureAwait(false);

        var next = request.Start;
        long buffered = 0;
        while (next <= last)
        {
            var height = ledger.Height;
            if (next >= height)
            {
                if (!request.Follow)
                {
                    break;
                }

                if (buffered > 0)
                {
                    await responses.FlushAsync(ct).ConfigureAwait(false);
                    buffered = 0;
                }

                await ledger.WaitForHeightAsync(next + 1, ct).ConfigureAwait(false);
                continue;
            }

            var before = next;
            try
            {
                await foreach (var stored in ledger.Store.ReadRangeAsync(next, Math.Min(last, height - 1), ct).ConfigureAwait(false))
                {
                    responses.Write(DeliverFrame.ForBlock(stored.Bytes));
                    Counters.Served(stored.Bytes.Length);
                    next = stored.Number + 1;
                    buffered += stored.Bytes.Length;
                    if (buffered >= FlushBytes)
                    {
                        // Awaiting the flush is the back-pressure: it waits while the reader's HTTP/2 window is closed.
                        await responses.FlushAsync(ct).ConfigureAwait(false);
                        buffered = 0;
                    }
                }
            }
            catch (BlockStoreCorruptionException ex)
            {
                throw Refuse(StatusCode.DataLoss, request, context, $"block {ex.Corruption?.BlockNumber ?? next} of channel '{request.Channel}' is damaged in this node's store; it is not served");
            }

            if (next == before)
            {
                throw Refuse(StatusCode.DataLoss, request, context, $"block {next} of channel '{request.Channel}' is missing from this node's store below its height {height}");
            }
        }

        responses.Write(DeliverFrame.ForStatus(new DeliverStatus { Height = ledger.Height, Message = "end" }));
    }

    private IDeliverLedger Admit(DeliverRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Channel))
        {
            throw Refuse(StatusCode.InvalidArgument, request, context, "the request names no channel");
        }

        var ledger = _ledgers(request.Channel)
            ?? throw Refuse(StatusCode.NotFound, request, context, $"channel '{Truncate(request.Channel)}' is not served here");
        if (!_authorizer(context.ClientCertificate, request.Channel))
        {
            throw Refuse(StatusCode.PermissionDenied, request, context,
                $"the caller ({context.ClientCertificate?.Subject ?? "no client certificate"}) may not read channel '{request.Channel}'");
        }

        // Beyond the probe start no block number is meaningful, and waiting for start + 1 could overflow.
        if (request.Start > DeliverMethods.HeadProbeStart || (request.Start == DeliverMethods.HeadProbeStart && !request.Follow))
        {
            throw Refuse(StatusCode.InvalidArgument, request, context, $"start {request.Start} is not a block number");
        }

        if (!(request.Follow && request.Stop == 0) && request.Stop < request.Start)
        {
            throw Refuse(StatusCode.InvalidArgument, request, context, $"stop {request.Stop} is before start {request.Start}");
        }

        var height = ledger.Height;
        if (!request.Follow && request.Start >= height)
        {
            throw Refuse(StatusCode.OutOfRange, request, context, $"block {request.Start} is beyond the height {height} of channel '{request.Channel}'");
        }

        return ledger;
    }

    /// <summary>Counts a refusal and logs it: the first of each kind at once, then at most every 10 seconds.</summary>
    private RpcException Refuse(StatusCode code, DeliverRequest request, ServerCallContext context, string detail)
    {
        var count = Counters.Refused(code);
        var slot = (int)code % _lastLogged.Length;
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogged[slot]);
        if ((count == 1 || _time.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(10)) &&
            Interlocked.CompareExchange(ref _lastLogged[slot], now, last) == last)
        {
            Log.Refused(_logger, code, context.Peer, Truncate(request.Channel), detail, count);
        }

        return new RpcException(code, detail);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Deliver stream of channel {Channel} to {Peer}: start {Start}, stop {Stop}, follow {Follow}")]
        public static partial void StreamOpened(ILogger logger, string channel, string peer, ulong start, ulong stop, bool follow);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Deliver refused {Code} to {Peer} for channel {Channel}: {Detail} ({Count} so far)")]
        public static partial void Refused(ILogger logger, StatusCode code, string peer, string channel, string detail, long count);
    }
}
