namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>Every test that starts network processes runs in this collection, one at a time, so a 2-core machine is not overloaded.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalNetworkCollection
{
    public const string Name = "LocalNetwork";
}
