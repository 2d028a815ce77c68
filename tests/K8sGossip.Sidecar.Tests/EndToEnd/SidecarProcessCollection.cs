namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Process-based test classes run one after the other: each starts a network of processes, and two at once
/// would compete for the machine's cores.</summary>
[CollectionDefinition(Name)]
public sealed class SidecarProcessCollection
{
    public const string Name = "Sidecar processes";
}
