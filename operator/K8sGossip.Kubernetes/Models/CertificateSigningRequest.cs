using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>A certificates.k8s.io/v1 CertificateSigningRequest.</summary>
public sealed record CertificateSigningRequest : KubeObject
{
    /// <summary>The request.</summary>
    public CertificateSigningRequestSpec? Spec { get; init; }

    /// <summary>Approval conditions and the issued certificate.</summary>
    public CertificateSigningRequestStatus? Status { get; init; }
}

/// <summary>What is asked to be signed, by whom, for which signer.</summary>
public sealed record CertificateSigningRequestSpec : ExtensibleRecord
{
    /// <summary>The PEM-encoded PKCS#10 request (base64 on the wire).</summary>
    public byte[]? Request { get; init; }

    /// <summary>The signer, for example <c>gossip.k8sgossip.io/peer</c>.</summary>
    public string? SignerName { get; init; }

    /// <summary>Requested validity.</summary>
    public int? ExpirationSeconds { get; init; }

    /// <summary>Key usages, for example <c>digital signature</c>, <c>client auth</c>.</summary>
    public List<string>? Usages { get; init; }

    /// <summary>The requesting user (set by the server).</summary>
    public string? Username { get; init; }

    /// <summary>The requesting user's uid (set by the server).</summary>
    public string? Uid { get; init; }

    /// <summary>The requesting user's groups (set by the server).</summary>
    public List<string>? Groups { get; init; }
}

/// <summary>Approval conditions and the issued certificate.</summary>
public sealed record CertificateSigningRequestStatus : ExtensibleRecord
{
    /// <summary><c>Approved</c>, <c>Denied</c> or <c>Failed</c> conditions.</summary>
    public List<CertificateSigningRequestCondition>? Conditions { get; init; }

    /// <summary>The PEM-encoded issued certificate (base64 on the wire).</summary>
    public byte[]? Certificate { get; init; }
}

/// <summary>One approval condition.</summary>
public sealed record CertificateSigningRequestCondition : ExtensibleRecord
{
    /// <summary><c>Approved</c>, <c>Denied</c> or <c>Failed</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary><c>True</c> or <c>False</c>.</summary>
    public string Status { get; init; } = "True";

    /// <summary>CamelCase reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }

    /// <summary>When the condition was last updated.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastUpdateTime { get; init; }

    /// <summary>When the condition last changed status.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }
}
