using System.Collections.Concurrent;
using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>What a supervisor would report of node processes, set by the test.</summary>
internal sealed class FakeProcesses : INodeProcesses
{
    public ConcurrentDictionary<string, NodeProcessInfo> Nodes { get; } = new(StringComparer.Ordinal);

    public NodeProcessInfo? Find(string name) => Nodes.GetValueOrDefault(name);
}
