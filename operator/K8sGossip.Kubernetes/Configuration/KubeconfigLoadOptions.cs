namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Choices made when loading a kubeconfig.</summary>
public sealed record KubeconfigLoadOptions
{
    /// <summary>The context to use; the file's <c>current-context</c> when null.</summary>
    public string? Context { get; init; }

    /// <summary>Accept <c>insecure-skip-tls-verify: true</c>; refused by default because it disables server authentication.</summary>
    public bool AllowInsecureSkipTlsVerify { get; init; }

    /// <summary>The clock pacing re-reads of a <c>tokenFile</c>; the system clock when null.</summary>
    public TimeProvider? Time { get; init; }
}
