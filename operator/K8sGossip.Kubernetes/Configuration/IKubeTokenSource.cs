namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Supplies the bearer token for each request; implementations may rotate it.</summary>
public interface IKubeTokenSource
{
    /// <summary>Returns the token to send now.</summary>
    string GetToken();
}
