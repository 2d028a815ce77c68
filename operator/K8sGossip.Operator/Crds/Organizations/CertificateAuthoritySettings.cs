using System.ComponentModel;

namespace K8sGossip.Operator.Crds;

/// <summary>The certificate authority of an organization.</summary>
public sealed record CertificateAuthoritySettings
{
    [Description("A kubernetes.io/tls Secret with the CA certificate and key. Without it the operator generates a CA.")]
    public SecretReference? SecretRef { get; init; }
}
