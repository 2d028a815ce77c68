using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using K8sGossip.Gossip.Protos;
using K8sGossip.Operator.Planning;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.Orderer;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Load;

/// <summary>Submits a steady stream of transactions to the orderer's <c>Broadcast.Submit</c> over mutual TLS, round-robin
/// over the channels, at a fixed rate with bounded concurrency.</summary>
/// <remarks>
/// Every submission is answered only once its block is durable, so many wait at once; beyond
/// <see cref="LoadOptions.MaxInFlight"/> a due transaction is skipped rather than queued without bound. A failed
/// submission (the orderer restarting, say) is counted and logged at most every ten seconds; the stream goes on and the
/// channel reconnects by itself.
/// </remarks>
internal sealed partial class TransactionSubmitter : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ErrorLogInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan UnavailablePause = TimeSpan.FromSeconds(1);

    private readonly RpcChannel _channel;
    private readonly IReadOnlyList<string> _channels;
    private readonly LoadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly Lock _gate = new();
    private readonly X509Certificate2 _certificate;
    private readonly List<X509Certificate2> _authorities;
    private CancellationTokenSource? _run;
    private Task _loop = Task.CompletedTask;
    private long _accepted;
    private long _failed;
    private long _skipped;
    private long _sequence;
    private long _pausedUntil;
    private DateTimeOffset _lastErrorLog = DateTimeOffset.MinValue;

    /// <summary>A submitter to <paramref name="orderer"/> for <paramref name="channels"/>, authenticated by the client certificate and key files, trusting the CAs in <paramref name="trustedCaFile"/>.</summary>
    public TransactionSubmitter(Endpoint orderer, IReadOnlyList<string> channels, string certificateFile, string keyFile, string trustedCaFile, LoadOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(orderer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _channels = channels;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<TransactionSubmitter>();
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        _certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(trustedCaFile);
        _authorities = [.. authorities];
        var tls = new MutualTlsIdentity(_certificate, _authorities);
        _channel = new RpcChannel(new Uri($"https://{orderer}"), tls.ChannelOptions(1024 * 1024, time));
    }

    /// <summary>The counts so far.</summary>
    public LoadCounters Counters => new(Interlocked.Read(ref _accepted), Interlocked.Read(ref _failed), Interlocked.Read(ref _skipped));

    /// <summary>Starts submitting until <see cref="StopAsync"/> or <paramref name="cancellationToken"/>.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        if (_options.Rate <= 0 || _channels.Count == 0)
        {
            return;
        }

        _run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(() => RunAsync(_run.Token), CancellationToken.None);
    }

    /// <summary>Stops submitting and waits for the submissions in flight.</summary>
    public async Task StopAsync()
    {
        if (_run is null)
        {
            return;
        }

        await _run.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await _inFlight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _inFlight.Release(_options.MaxInFlight);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _run?.Dispose();
        _channel.Dispose();
        _inFlight.Dispose();
        _certificate.Dispose();
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Credit accrues at the rate and is spent one transaction at a time, so rates below the tick frequency work too.
        using var timer = new PeriodicTimer(Tick, _time);
        var last = _time.GetTimestamp();
        double credit = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = _time.GetTimestamp();
                if (now < Interlocked.Read(ref _pausedUntil))
                {
                    // The orderer is unreachable: wait instead of piling up failures; nothing is owed for the pause.
                    last = now;
                    credit = 0;
                    continue;
                }

                credit = Math.Min(credit + (_time.GetElapsedTime(last, now).TotalSeconds * _options.Rate), Math.Max(1, _options.Rate));
                last = now;
                while (credit >= 1)
                {
                    credit--;
                    if (!_inFlight.Wait(0, CancellationToken.None))
                    {
                        Interlocked.Increment(ref _skipped);
                        continue;
                    }

                    _ = SubmitOneAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task SubmitOneAsync(CancellationToken cancellationToken)
    {
        try
        {
            var sequence = Interlocked.Increment(ref _sequence);
            var payload = new byte[_options.TransactionBytes];
            RandomNumberGenerator.Fill(payload);

            var request = new SubmitRequest
            {
                Channel = _channels[(int)(sequence % _channels.Count)],
                Payload = ByteString.CopyFrom(payload),
            };
            await _channel.UnaryAsync(BroadcastMethods.Submit, request, new CallOptions(Deadline: _time.GetUtcNow() + _options.SubmitTimeout, CancellationToken: cancellationToken)).ConfigureAwait(false);
            Interlocked.Increment(ref _accepted);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the submission is abandoned, not failed.
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the call was cancelled by us.
        }
        catch (Exception e) when (e is RpcException or IOException or HttpRequestException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            if (e is RpcException { StatusCode: StatusCode.Unavailable })
            {
                Interlocked.Exchange(ref _pausedUntil, _time.GetTimestamp() + (long)(UnavailablePause.TotalSeconds * _time.TimestampFrequency));
            }

            ReportFailure(e);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void ReportFailure(Exception e)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (now - _lastErrorLog < ErrorLogInterval)
            {
                return;
            }

            _lastErrorLog = now;
        }

        Log.SubmitFailed(_logger, Interlocked.Read(ref _failed), e.Message);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A transaction submission failed ({Failed} so far): {Reason}")]
        public static partial void SubmitFailed(ILogger logger, long failed, string reason);
    }
}
