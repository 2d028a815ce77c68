namespace K8sGossip.Kubernetes.Configuration;

/// <summary>The connection settings (kubeconfig or in-cluster files) are missing or malformed; the message names the problem.</summary>
public sealed class KubeConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeConfigException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    public KubeConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public KubeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
