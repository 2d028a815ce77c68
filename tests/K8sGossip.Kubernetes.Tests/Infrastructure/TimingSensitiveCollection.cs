namespace K8sGossip.Kubernetes.Tests.Infrastructure;

/// <summary>Real-socket tests with sub-second deadlines run alone, so a CPU-heavy neighbour cannot starve their timers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive real-socket tests";
}
