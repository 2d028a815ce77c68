namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 ConfigMap.</summary>
public sealed record ConfigMap : KubeObject
{
    /// <summary>UTF-8 entries.</summary>
    public Dictionary<string, string>? Data { get; init; }

    /// <summary>Binary entries, base64 on the wire.</summary>
    public Dictionary<string, byte[]>? BinaryData { get; init; }

    /// <summary>When true, the data can no longer change.</summary>
    public bool? Immutable { get; init; }
}
