namespace K8sGossip.Kubernetes.Configuration;

/// <summary>A token that never changes, as given inline in a kubeconfig.</summary>
/// <param name="token">The bearer token.</param>
public sealed class StaticTokenSource(string token) : IKubeTokenSource
{
    /// <inheritdoc />
    public string GetToken() => token;
}
