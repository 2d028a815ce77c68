namespace K8sGossip.Kubernetes.Client;

/// <summary>Server-side apply parameters.</summary>
/// <param name="FieldManager">The stable name of the writer that owns the applied fields.</param>
/// <param name="Force">Take ownership of fields other managers own instead of failing with a conflict.</param>
public sealed record ApplyOptions(string FieldManager, bool Force = false);
