namespace K8sGossip.Kubernetes.LeaderElection;

/// <summary>Which Lease to compete for, as whom, and the client-go timing (defaults 15 s / 10 s / 2 s).</summary>
/// <remarks>
/// Safety rests on LeaseDuration &gt; RenewDeadline: a leader that cannot renew stops acting after
/// RenewDeadline, while others wait LeaseDuration (measured from their own observation) before taking over.
/// The difference is the margin for clock-rate differences and slow shutdown.
/// </remarks>
public sealed class LeaderElectionOptions
{
    /// <summary>The ratio client-go applies between RenewDeadline and RetryPeriod; also the acquire retry jitter (up to +20 %).</summary>
    public const double JitterFactor = 1.2;

    /// <summary>The Lease's name, for example <c>k8sgossip-operator-leader</c>.</summary>
    public string LeaseName { get; set; } = "";

    /// <summary>The Lease's namespace.</summary>
    public string LeaseNamespace { get; set; } = "";

    /// <summary>This candidate's unique identity, typically the pod name.</summary>
    public string Identity { get; set; } = "";

    /// <summary>How long others wait, after observing the last change, before taking over; whole seconds (the Lease stores seconds).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>On graceful stop, release the Lease (empty holder, 1 s duration) so the next candidate takes over at once.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Throws when settings are unsafe or incomplete; the message names the setting to change.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Identity))
        {
            throw new ArgumentException($"LeaderElectionOptions.{nameof(Identity)} must not be empty (use the pod name).");
        }

        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            throw new ArgumentException($"LeaderElectionOptions.{nameof(LeaseName)} must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(LeaseNamespace))
        {
            throw new ArgumentException($"LeaderElectionOptions.{nameof(LeaseNamespace)} must not be empty.");
        }

        if (LeaseDuration <= TimeSpan.Zero || RenewDeadline <= TimeSpan.Zero || RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"LeaderElectionOptions.{nameof(LeaseDuration)}, {nameof(RenewDeadline)} and {nameof(RetryPeriod)} must be positive " +
                $"(got {LeaseDuration}, {RenewDeadline}, {RetryPeriod}).");
        }

        if (LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"LeaderElectionOptions.{nameof(LeaseDuration)} must be a whole number of seconds, because the Lease records seconds; got {LeaseDuration}.");
        }

        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"LeaderElectionOptions.{nameof(LeaseDuration)} ({LeaseDuration}) must be greater than {nameof(RenewDeadline)} ({RenewDeadline}).");
        }

        if (RenewDeadline.TotalMilliseconds <= JitterFactor * RetryPeriod.TotalMilliseconds)
        {
            throw new ArgumentException(
                $"LeaderElectionOptions.{nameof(RenewDeadline)} ({RenewDeadline}) must be greater than {JitterFactor} x {nameof(RetryPeriod)} ({RetryPeriod}).");
        }
    }
}
