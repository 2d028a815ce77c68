using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.LeaderElection;

/// <summary>Reading and writing the Lease record: acquire-or-renew, release, and local expiry judgement.</summary>
public sealed partial class LeaseLeaderElector
{
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var leases = KubeResources.Leases;

        // Fast path: as leader, update from the cached record; its resourceVersion detects any interference.
        if (_leading && _observed?.Spec?.HolderIdentity == _options.Identity)
        {
            try
            {
                var renewed = await _api.ReplaceAsync(leases, _observed with { Spec = Record(_observed.Spec, now, keepAcquire: true) }, cancellationToken);
                Observe(renewed);
                return true;
            }
            catch (KubeApiException ex)
            {
                Log.RenewFailed(_logger, _options.Identity, ex.Message);
            }
        }

        Lease? current;
        try
        {
            current = await _api.TryGetAsync(leases, _options.LeaseName, _options.LeaseNamespace, cancellationToken);
        }
        catch (KubeApiException ex)
        {
            Log.ReadFailed(_logger, _options.LeaseNamespace, _options.LeaseName, ex.Message);
            return false;
        }

        if (current is null)
        {
            var lease = new Lease
            {
                Metadata = new ObjectMeta { Name = _options.LeaseName, Namespace = _options.LeaseNamespace },
                Spec = Record(null, now, keepAcquire: false),
            };
            try
            {
                Observe(await _api.CreateAsync(leases, lease, cancellationToken));
                return true;
            }
            catch (KubeAlreadyExistsException)
            {
                return false;
            }
            catch (KubeApiException ex)
            {
                Log.WriteFailed(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName, ex.Message);
                return false;
            }
        }

        Observe(current);
        var holder = current.Spec?.HolderIdentity;
        var isHolder = holder == _options.Identity;
        if (!string.IsNullOrEmpty(holder) && !isHolder && !ObservedRecordExpired(current))
        {
            return false;
        }

        try
        {
            var updated = await _api.ReplaceAsync(leases, current with { Spec = Record(current.Spec, now, keepAcquire: isHolder) }, cancellationToken);
            Observe(updated);
            return true;
        }
        catch (KubeConflictException)
        {
            // Another candidate wrote first; normal while competing.
            return false;
        }
        catch (KubeApiException ex)
        {
            Log.WriteFailed(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName, ex.Message);
            return false;
        }
    }

    private async Task ReleaseLeaseAsync()
    {
        var observed = _observed;
        if (observed?.Spec?.HolderIdentity != _options.Identity)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var released = observed with
        {
            Spec = new LeaseSpec
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = observed.Spec.LeaseTransitions,
            },
        };

        // Bounded: a release that cannot finish quickly is pointless, the lease expires on its own. The
        // resourceVersion guarantees it never overwrites a lease someone else has taken meanwhile.
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            Observe(await _api.ReplaceAsync(KubeResources.Leases, released, timeout.Token));
            Log.Released(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        }
        catch (Exception ex) when (ex is KubeApiException or OperationCanceledException)
        {
            Log.ReleaseFailed(_logger, _options.Identity, ex.Message);
        }
    }

    private LeaseSpec Record(LeaseSpec? previous, DateTimeOffset now, bool keepAcquire) => new()
    {
        HolderIdentity = _options.Identity,
        LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
        AcquireTime = keepAcquire ? previous?.AcquireTime ?? now : now,
        RenewTime = now,
        LeaseTransitions = keepAcquire ? previous?.LeaseTransitions ?? 0 : (previous?.LeaseTransitions ?? -1) + 1,
        ExtensionData = previous?.ExtensionData,
    };

    private void Observe(Lease lease)
    {
        var spec = lease.Spec;
        var record = $"{spec?.HolderIdentity}|{spec?.LeaseDurationSeconds}|{spec?.AcquireTime:O}|{spec?.RenewTime:O}|{spec?.LeaseTransitions}";
        var previousHolder = CurrentLeader;
        Volatile.Write(ref _observed, lease);
        if (record != _observedRecord)
        {
            _observedRecord = record;
            _observedAt = _time.GetTimestamp();
        }

        var holder = CurrentLeader;
        if (holder != previousHolder)
        {
            Raise(() => NewLeader?.Invoke(this, new NewLeaderEventArgs(holder)));
        }
    }

    private bool ObservedRecordExpired(Lease lease)
    {
        var seconds = lease.Spec?.LeaseDurationSeconds is int s and > 0 ? s : _options.LeaseDuration.TotalSeconds;
        return _time.GetElapsedTime(_observedAt) >= TimeSpan.FromSeconds(seconds);
    }
}
