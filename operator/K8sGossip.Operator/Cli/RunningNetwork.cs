using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Cli;

/// <summary>Finds the <c>up</c> running from a state directory through its run file, checking that the pids are still its processes.</summary>
internal static class RunningNetwork
{
    /// <summary>The run file of a live supervisor; null when none runs (a stale run file is ignored).</summary>
    public static RunFile? Find(StateLayout layout)
    {
        var run = RunFile.TryRead(layout.RunFile);
        return run is not null && IsSupervisor(run.SupervisorPid) ? run : null;
    }

    /// <summary>True when <paramref name="pid"/> is a live <c>k8sgossip</c> process.</summary>
    public static bool IsSupervisor(int pid) =>
        ProcessSignals.IsAlive(pid) && (ProcessSignals.CommandLine(pid)?.Contains("k8sgossip", StringComparison.Ordinal) ?? false);

    /// <summary>True when <paramref name="node"/>'s recorded pid still runs that node (its command line names its configuration).</summary>
    public static bool IsNodeAlive(RunFileNode node) =>
        node.Pid is { } pid && ProcessSignals.IsAlive(pid) && (ProcessSignals.CommandLine(pid)?.Contains(node.ConfigFile, StringComparison.Ordinal) ?? false);

    /// <summary>The nodes' processes as a run file left them, for observing a network no <c>up</c> supervises.</summary>
    public static INodeProcesses Processes(RunFile? run) => new RunFileProcesses(run);

    private sealed class RunFileProcesses(RunFile? run) : INodeProcesses
    {
        public NodeProcessInfo? Find(string name)
        {
            var node = run?.Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
            if (node is null)
            {
                return null;
            }

            var alive = IsNodeAlive(node);
            return new NodeProcessInfo(name, alive ? node.Pid : null, alive, node.Restarts, alive ? ProcessSignals.ResidentMemoryMb(node.Pid!.Value) : null);
        }
    }
}
