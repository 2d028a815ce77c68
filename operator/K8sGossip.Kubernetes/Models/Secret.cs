namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 Secret.</summary>
public sealed record Secret : KubeObject
{
    /// <summary>The secret's type, for example <c>Opaque</c> or <c>kubernetes.io/tls</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Entries, base64 on the wire.</summary>
    public Dictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience entries merged into <see cref="Data"/> by the server.</summary>
    public Dictionary<string, string>? StringData { get; init; }

    /// <summary>When true, the data can no longer change.</summary>
    public bool? Immutable { get; init; }
}
