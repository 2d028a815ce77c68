using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Orderer;

/// <summary>
/// A steady stream of blocks for benchmarks and demos: every tick of a <see cref="PeriodicTimer"/> on the injected
/// clock it cuts as many blocks as the rate asks for by then (so a late tick catches up instead of lowering the rate),
/// each holding one entry of seeded random bytes. Cutting waits while too many blocks are not yet durable.
/// </summary>
public sealed partial class BlockGenerator : IAsyncDisposable
{
    private static readonly TimeSpan MinimumTick = TimeSpan.FromMilliseconds(10);

    private readonly SoloOrderer _orderer;
    private readonly BlockGeneratorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private long _generated;
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates a generator cutting blocks on <paramref name="orderer"/>.</summary>
    public BlockGenerator(SoloOrderer orderer, BlockGeneratorOptions options, TimeProvider time, ILogger<BlockGenerator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(orderer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _orderer = orderer;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _random = new Random(options.Seed);
    }

    /// <summary>Blocks cut so far.</summary>
    public long Generated => Interlocked.Read(ref _generated);

    /// <summary>Completes when <see cref="BlockGeneratorOptions.MaxBlocks"/> blocks are cut, or when stopped.</summary>
    public Task Completion => _loop;

    /// <summary>Starts cutting.</summary>
    public void Start()
    {
        if (_loop.IsCompleted)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var period = TimeSpan.FromSeconds(1 / _options.BlocksPerSecond);
        using var timer = new PeriodicTimer(period > MinimumTick ? period : MinimumTick, _time);
        var started = _time.GetTimestamp();
        var payload = new byte[_options.BlockBytes];
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var due = (long)(_time.GetElapsedTime(started).TotalSeconds * _options.BlocksPerSecond) + 1;
                if (_options.MaxBlocks is { } max)
                {
                    due = Math.Min(due, max);
                }

                while (Generated < due)
                {
#pragma warning disable CA5394 // Benchmark payload: reproducible bytes, not secrets.
                    _random.NextBytes(payload);
#pragma warning restore CA5394
                    await _orderer.AppendGeneratedAsync(_options.Channel, ByteString.CopyFrom(payload), ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _generated);
                }

                if (_options.MaxBlocks is { } limit && Generated >= limit)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (InvalidOperationException ex)
        {
            Log.Stopped(_logger, _options.Channel, Generated, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5221, Level = LogLevel.Error, Message = "Block generator on channel {Channel} stopped after {Generated} blocks: {Cause}")]
        public static partial void Stopped(ILogger logger, string channel, long generated, string cause);
    }
}
