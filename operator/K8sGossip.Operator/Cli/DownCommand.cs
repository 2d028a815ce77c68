using System.Globalization;
using K8sGossip.Operator.Local.Runtime;

namespace K8sGossip.Operator.Cli;

/// <summary><c>k8sgossip down</c>: stops the network running from a state directory (SIGTERM to its <c>up</c>, which stops every
/// node cleanly) and makes sure no node is left; "nothing running" is success too.</summary>
internal static class DownCommand
{
    /// <summary>How long the supervisor may take to stop its nodes before the leftovers are killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Stops the network in <paramref name="stateDirectory"/>.</summary>
    public static async Task<int> RunAsync(string stateDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var layout = StateLayout.For(stateDirectory);
        var run = RunFile.TryRead(layout.RunFile);
        if (run is null)
        {
            await output.WriteLineAsync($"k8sgossip: nothing runs from {layout.Root}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (RunningNetwork.IsSupervisor(run.SupervisorPid))
        {
            await output.WriteLineAsync($"k8sgossip: stopping the network (pid {run.SupervisorPid.ToString(CultureInfo.InvariantCulture)})...").ConfigureAwait(false);
            ProcessSignals.Terminate(run.SupervisorPid);
            if (!await WaitGoneAsync(() => RunningNetwork.IsSupervisor(run.SupervisorPid), StopTimeout, cancellationToken).ConfigureAwait(false))
            {
                await error.WriteLineAsync($"k8sgossip: the network did not stop within {StopTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; killing it").ConfigureAwait(false);
                ProcessSignals.Kill(run.SupervisorPid);
            }
        }

        // The supervisor stops its nodes; any it could not (or a supervisor that was killed) leaves processes behind.
        var leftovers = (RunFile.TryRead(layout.RunFile) ?? run).Nodes.Concat(run.Nodes).Where(RunningNetwork.IsNodeAlive).DistinctBy(n => n.Pid).ToList();
        foreach (var node in leftovers)
        {
            ProcessSignals.Terminate(node.Pid!.Value);
        }

        if (leftovers.Count > 0 && !await WaitGoneAsync(() => leftovers.Any(RunningNetwork.IsNodeAlive), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            foreach (var node in leftovers.Where(RunningNetwork.IsNodeAlive))
            {
                await error.WriteLineAsync($"k8sgossip: {node.Name} (pid {node.Pid!.Value.ToString(CultureInfo.InvariantCulture)}) did not stop; killing it").ConfigureAwait(false);
                ProcessSignals.Kill(node.Pid.Value);
            }

            await WaitGoneAsync(() => leftovers.Any(RunningNetwork.IsNodeAlive), TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }

        File.Delete(layout.RunFile);
        await output.WriteLineAsync("k8sgossip: the network stopped").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<bool> WaitGoneAsync(Func<bool> running, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (running())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
