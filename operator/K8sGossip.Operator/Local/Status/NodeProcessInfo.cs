namespace K8sGossip.Operator.Local.Status;

/// <summary>What the local network knows of a node's process.</summary>
/// <param name="Name">The node's name: a peer's name (<c>org1-0</c>) or <c>orderer</c>.</param>
/// <param name="Pid">The process id while it runs.</param>
/// <param name="Running">Whether the process runs now.</param>
/// <param name="Restarts">How many times it was restarted after a crash or a kill.</param>
/// <param name="MemoryMb">Its resident memory while it runs.</param>
public sealed record NodeProcessInfo(string Name, int? Pid, bool Running, int Restarts, double? MemoryMb);

/// <summary>The processes of a local network, as the supervisor (or its run file) reports them.</summary>
public interface INodeProcesses
{
    /// <summary>The process of <paramref name="name"/>; null when the network has no such node or never started it.</summary>
    NodeProcessInfo? Find(string name);
}
