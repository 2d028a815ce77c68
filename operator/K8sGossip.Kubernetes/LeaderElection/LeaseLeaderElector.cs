using System.Security.Cryptography;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Diagnostics;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Kubernetes.LeaderElection;

/// <summary>Leader election on a <c>coordination.k8s.io/v1</c> Lease with client-go semantics.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Expiry is judged from the local time at which this candidate saw the record change, plus the record's own
/// <c>leaseDurationSeconds</c>; the remote <c>renewTime</c> is never trusted (clock skew).</item>
/// <item>Every write is an optimistic update carrying the read resourceVersion, so two candidates cannot both win.</item>
/// <item>Each renew cycle runs under a token that fires at last-successful-renew-start + RenewDeadline; the in-flight
/// request is cancelled and leadership is declared lost only after it has returned, and nothing is written afterwards.</item>
/// <item>A graceful stop writes an empty holder with <c>leaseDurationSeconds: 1</c>, so a waiting candidate takes over
/// on its next retry.</item>
/// </list>
/// </remarks>
public sealed partial class LeaseLeaderElector : ILeaderLease, IDisposable
{
    private readonly IKubeApi _api;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _release = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Lease? _observed;
    private string? _observedRecord;
    private long _observedAt;
    private long _validUntil;
    private volatile bool _leading;
    private int _started;

    /// <summary>Creates a candidate; it does nothing until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public LeaseLeaderElector(IKubeApi api, LeaderElectionOptions options, TimeProvider? time = null, ILogger<LeaseLeaderElector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _api = api;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public event EventHandler<StartedLeadingEventArgs>? StartedLeading;

    /// <inheritdoc />
    public event EventHandler<StoppedLeadingEventArgs>? StoppedLeading;

    /// <inheritdoc />
    public event EventHandler<NewLeaderEventArgs>? NewLeader;

    /// <inheritdoc />
    public string Identity => _options.Identity;

    /// <inheritdoc />
    public bool IsLeader => _leading && _time.GetTimestamp() < Volatile.Read(ref _validUntil);

    /// <inheritdoc />
    public string? CurrentLeader
    {
        get
        {
            var holder = Volatile.Read(ref _observed)?.Spec?.HolderIdentity;
            return string.IsNullOrEmpty(holder) ? null : holder;
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"Leader election for '{_options.Identity}' already ran; create a new elector for a new term.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _release.Token);
        try
        {
            if (!await AcquireAsync(stop.Token))
            {
                return;
            }

            using var leadership = new CancellationTokenSource();
            _leading = true;
            Transition("acquired");
            Log.Acquired(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            Raise(() => StartedLeading?.Invoke(this, new StartedLeadingEventArgs(leadership.Token)));

            var lost = await RenewUntilStoppedAsync(stop.Token);
            _leading = false;
            try
            {
                await leadership.CancelAsync();
            }
            catch (AggregateException ex)
            {
                // Leader work registered on the token threw while stopping; leadership still ends here.
                Log.HandlerFailed(_logger, _options.Identity, ex);
            }

            Transition(lost ? "lost" : "stopped");
            if (lost)
            {
                Log.Lost(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            }
            else if (_options.ReleaseOnCancel || _release.IsCancellationRequested)
            {
                await ReleaseLeaseAsync();
            }

            Raise(() => StoppedLeading?.Invoke(this, new StoppedLeadingEventArgs(lost)));
        }
        finally
        {
            _leading = false;
            _finished.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _release.CancelAsync();
        if (Volatile.Read(ref _started) == 1)
        {
            await _finished.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _release.Dispose();

    private async Task<bool> AcquireAsync(CancellationToken stop)
    {
        Log.Campaigning(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        while (!stop.IsCancellationRequested)
        {
            var attemptStart = _time.GetTimestamp();
            try
            {
                using var attempt = new CancellationTokenSource(_options.RenewDeadline, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, attempt.Token);
                if (await TryAcquireOrRenewAsync(linked.Token))
                {
                    Volatile.Write(ref _validUntil, attemptStart + Ticks(_options.RenewDeadline));
                    return true;
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // The attempt outlived its deadline; try again.
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            // Up to 20 % jitter keeps candidates from retrying in lockstep.
            var wait = _options.RetryPeriod * (1 + (RandomNumberGenerator.GetInt32(0, 1000) / 1000.0 * (LeaderElectionOptions.JitterFactor - 1)));
            try
            {
                await Task.Delay(wait, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Renews every RetryPeriod; returns true when leadership was lost, false when stopped gracefully.</summary>
    private async Task<bool> RenewUntilStoppedAsync(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_options.RetryPeriod, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var remaining = TimeSpan.FromSeconds((Volatile.Read(ref _validUntil) - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            if (remaining <= TimeSpan.Zero)
            {
                return true;
            }

            using var deadline = new CancellationTokenSource(remaining, _time);
            using var cycle = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
            while (true)
            {
                var attemptStart = _time.GetTimestamp();
                bool renewed;
                try
                {
                    renewed = await TryAcquireOrRenewAsync(cycle.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !deadline.IsCancellationRequested)
                {
                    return false;
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                if (renewed)
                {
                    Volatile.Write(ref _validUntil, attemptStart + Ticks(_options.RenewDeadline));
                    break;
                }

                if (CurrentLeader is { } holder && holder != _options.Identity)
                {
                    // Someone else holds the lease: we are certainly not the leader any more.
                    return true;
                }

                try
                {
                    await Task.Delay(_options.RetryPeriod, _time, cycle.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !deadline.IsCancellationRequested)
                {
                    return false;
                }
                catch (OperationCanceledException)
                {
                    return true;
                }
            }
        }
    }

    private void Transition(string transition) =>
        KubernetesMetrics.LeadershipTransitions.Add(1, new KeyValuePair<string, object?>("lease", _options.LeaseName), new KeyValuePair<string, object?>("transition", transition));

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void Raise(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // A faulty subscriber must not break the election loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, _options.Identity, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Identity} is campaigning for lease {Namespace}/{Lease}")]
        public static partial void Campaigning(ILogger logger, string identity, string @namespace, string lease);

        [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "{Identity} acquired lease {Namespace}/{Lease}")]
        public static partial void Acquired(ILogger logger, string identity, string @namespace, string lease);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "{Identity} lost lease {Namespace}/{Lease}: renewal did not succeed within the renew deadline")]
        public static partial void Lost(ILogger logger, string identity, string @namespace, string lease);

        [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "{Identity} released lease {Namespace}/{Lease}")]
        public static partial void Released(ILogger logger, string identity, string @namespace, string lease);

        [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "{Identity} could not release its lease: {Reason}")]
        public static partial void ReleaseFailed(ILogger logger, string identity, string reason);

        [LoggerMessage(EventId = 45, Level = LogLevel.Debug, Message = "{Identity} fast renew failed, re-reading the lease: {Reason}")]
        public static partial void RenewFailed(ILogger logger, string identity, string reason);

        [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "Reading lease {Namespace}/{Lease} failed: {Reason}")]
        public static partial void ReadFailed(ILogger logger, string @namespace, string lease, string reason);

        [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "{Identity} could not write lease {Namespace}/{Lease}: {Reason}")]
        public static partial void WriteFailed(ILogger logger, string identity, string @namespace, string lease, string reason);

        [LoggerMessage(EventId = 48, Level = LogLevel.Error, Message = "A leadership event handler of {Identity} threw")]
        public static partial void HandlerFailed(ILogger logger, string identity, Exception exception);
    }
}
