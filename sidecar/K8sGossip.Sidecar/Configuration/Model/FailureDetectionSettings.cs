namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Probe-based failure detection (<c>k8sgossip.failureDetection.*</c>).</summary>
/// <param name="Enabled">Whether probing runs (otherwise only alive silence declares peers dead).</param>
/// <param name="ProbeInterval">Period of probing one peer.</param>
/// <param name="ProbeTimeout">Wait for a direct answer before probing indirectly.</param>
/// <param name="ProbeDialAllowance">Extra wait of a direct probe that must connect first.</param>
/// <param name="IndirectProbes">Peers asked to probe indirectly.</param>
/// <param name="SuspicionMultiplier">Shortest suspicion in probe intervals, scaled by log10 of the member count.</param>
/// <param name="SuspicionMaxMultiplier">Longest suspicion as a multiple of the shortest.</param>
/// <param name="SuspicionConfirmations">Confirmations that shrink suspicion to the shortest.</param>
/// <param name="ConfirmationProbers">Peers that re-probe a suspect on hearing of the suspicion.</param>
/// <param name="MaxLocalHealthScore">Highest local-health score (probe timeouts stretch up to score + 1 times).</param>
public sealed record FailureDetectionSettings(
    bool Enabled,
    TimeSpan ProbeInterval,
    TimeSpan ProbeTimeout,
    TimeSpan ProbeDialAllowance,
    int IndirectProbes,
    double SuspicionMultiplier,
    double SuspicionMaxMultiplier,
    int SuspicionConfirmations,
    int ConfirmationProbers,
    int MaxLocalHealthScore);
