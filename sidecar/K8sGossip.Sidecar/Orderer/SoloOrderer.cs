using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Server;
using K8sGossip.Sidecar.Deliver;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Orderer;

/// <summary>
/// A single-node ordering service with the same Deliver API as a real one: <c>Broadcast.Submit</c> takes envelopes,
/// each channel cuts them into signed, chained blocks and stores them durably; <c>Submit</c> answers only once the
/// block holding the envelope is durable. Restarting resumes every channel at its stored height.
/// </summary>
public sealed partial class SoloOrderer : IAsyncDisposable
{
    private readonly Dictionary<string, OrdererChannel> _channels;
    private readonly SoloOrdererOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long[] _lastLogged = new long[3];
    private long _accepted;
    private long _oversize;
    private long _unknownChannel;
    private long _unavailable;

    private SoloOrderer(Dictionary<string, OrdererChannel> channels, SoloOrdererOptions options, PkiId pkiId, TimeProvider time, ILogger logger)
    {
        _channels = channels;
        _options = options;
        OrdererPkiId = pkiId;
        _time = time;
        _logger = logger;
    }

    /// <summary>The identity that signs the blocks.</summary>
    public PkiId OrdererPkiId { get; }

    /// <summary>The channels ordered.</summary>
    public IEnumerable<string> Channels => _channels.Keys;

    /// <summary>Envelopes accepted (their block is durable).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Envelopes refused for being larger than <see cref="SoloOrdererOptions.MaxEnvelopeBytes"/>.</summary>
    public long RefusedOversize => Interlocked.Read(ref _oversize);

    /// <summary>Envelopes refused for naming a channel not ordered here.</summary>
    public long RefusedUnknownChannel => Interlocked.Read(ref _unknownChannel);

    /// <summary>Envelopes refused because the channel cannot store blocks any more (or is shutting down).</summary>
    public long RefusedUnavailable => Interlocked.Read(ref _unavailable);

    /// <summary>Opens every channel's store (resuming at its height) and starts ordering.</summary>
    public static async Task<SoloOrderer> OpenAsync(SoloOrdererOptions options, ISigner signer, TimeProvider time, ILoggerFactory? loggers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        var blockSigner = new BlockSigner(signer, time);
        var channels = new Dictionary<string, OrdererChannel>(StringComparer.Ordinal);
        try
        {
            foreach (var name in options.Channels)
            {
                channels[name] = await OrdererChannel.OpenAsync(name, blockSigner, options, time, loggers, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var opened in channels.Values)
            {
                await opened.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new SoloOrderer(channels, options, signer.Identity.PkiId, time, (ILogger?)loggers?.CreateLogger<SoloOrderer>() ?? NullLogger.Instance);
    }

    /// <summary>The ledger Deliver serves for <paramref name="channel"/>, or null when it is not ordered here.</summary>
    public IDeliverLedger? FindLedger(string channel) => _channels.GetValueOrDefault(channel);

    /// <summary>The durable height of <paramref name="channel"/>.</summary>
    public ulong HeightOf(string channel) => Channel(channel).Height;

    /// <summary>Adds <c>Broadcast.Submit</c> to <paramref name="registry"/>; callers must pass <paramref name="authorizer"/>.</summary>
    public RpcServiceRegistry Register(RpcServiceRegistry registry, DeliverAuthorizer authorizer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(authorizer);
        return registry.AddUnary(BroadcastMethods.Submit, async (request, context) =>
        {
            if (!authorizer(context.ClientCertificate, request.Channel))
            {
                throw new RpcException(StatusCode.PermissionDenied, $"the caller may not submit to channel '{Truncate(request.Channel)}'");
            }

            var height = await SubmitAsync(request.Channel, request.Payload.Memory, context.CancellationToken).ConfigureAwait(false);
            return new SubmitResponse { Accepted = height };
        });
    }

    /// <summary>Orders one envelope. Completes with the channel height at which the block holding it became durable
    /// (that block's number + 1). Refusals are <see cref="RpcException"/>s: RESOURCE_EXHAUSTED (too large), NOT_FOUND
    /// (unknown channel), UNAVAILABLE (the channel cannot store blocks).</summary>
    public async Task<ulong> SubmitAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (payload.Length > _options.MaxEnvelopeBytes)
        {
            throw Refuse(ref _oversize, 0, StatusCode.ResourceExhausted, $"an envelope of {payload.Length} bytes exceeds the limit of {_options.MaxEnvelopeBytes}");
        }

        if (!_channels.TryGetValue(channel, out var ordered))
        {
            throw Refuse(ref _unknownChannel, 1, StatusCode.NotFound, $"channel '{Truncate(channel)}' is not ordered here");
        }

        try
        {
            var height = await ordered.SubmitAsync(payload.ToArray(), ct).ConfigureAwait(false);
            Interlocked.Increment(ref _accepted);
            return height;
        }
        catch (InvalidOperationException ex)
        {
            throw Refuse(ref _unavailable, 2, StatusCode.Unavailable, $"channel '{channel}' cannot order: {ex.Message}");
        }
    }

    /// <summary>Cuts a block holding just <paramref name="entry"/> (the generator); returns its number.</summary>
    public Task<ulong> AppendGeneratedAsync(string channel, ByteString entry, CancellationToken ct) => Channel(channel).AppendGeneratedAsync(entry, ct);

    /// <summary>Completes once <paramref name="channel"/> holds <paramref name="height"/> durable blocks.</summary>
    public Task WaitForHeightAsync(string channel, ulong height, CancellationToken ct) => Channel(channel).WaitForHeightAsync(height, ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private OrdererChannel Channel(string channel) =>
        _channels.TryGetValue(channel, out var ordered) ? ordered : throw new ArgumentException($"Channel '{channel}' is not ordered here.", nameof(channel));

    /// <summary>Counts a refusal and logs it: the first of each kind at once, then at most every 10 seconds.</summary>
    private RpcException Refuse(ref long counter, int slot, StatusCode code, string detail)
    {
        var count = Interlocked.Increment(ref counter);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogged[slot]);
        if ((count == 1 || _time.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(10)) &&
            Interlocked.CompareExchange(ref _lastLogged[slot], now, last) == last)
        {
            Log.Refused(_logger, code, detail, count);
        }

        return new RpcException(code, detail);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "Orderer refused a submission ({Code}): {Detail} ({Count} so far)")]
        public static partial void Refused(ILogger logger, StatusCode code, string detail, long count);
    }
}
