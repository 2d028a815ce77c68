namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Where a pod finds its service-account credentials; injectable so tests can use a temporary folder.</summary>
/// <param name="TokenFile">The rotated bearer token.</param>
/// <param name="CertificateAuthorityFile">The cluster CA bundle.</param>
/// <param name="NamespaceFile">The pod's namespace.</param>
public sealed record InClusterPaths(string TokenFile, string CertificateAuthorityFile, string NamespaceFile)
{
    /// <summary>The standard mount point of the service-account volume.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The standard paths.</summary>
    public static InClusterPaths Default { get; } = InDirectory(DefaultDirectory);

    /// <summary>The standard file names inside <paramref name="directory"/>.</summary>
    public static InClusterPaths InDirectory(string directory) =>
        new(Path.Combine(directory, "token"), Path.Combine(directory, "ca.crt"), Path.Combine(directory, "namespace"));
}
