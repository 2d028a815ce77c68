namespace K8sGossip.Sidecar.Hosting;

/// <summary>The answer of a readiness check.</summary>
/// <param name="Ready">True when the node may receive traffic.</param>
/// <param name="Reasons">Why not, one line per unmet condition; empty when ready.</param>
internal sealed record Readiness(bool Ready, IReadOnlyList<string> Reasons);
