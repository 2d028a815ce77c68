namespace K8sGossip.Operator.Planning;

/// <summary>The certificate authority of an organization: generated, or supplied by the user.</summary>
/// <param name="Generate">True when the operator (or the local network) creates the CA.</param>
/// <param name="SecretName">In a cluster, the Secret holding the CA; null on a local network.</param>
/// <param name="Directory">On a local network, where the CA's certificate and key live; null in a cluster.</param>
public sealed record CertificateAuthorityPlan(bool Generate, string? SecretName, string? Directory);
