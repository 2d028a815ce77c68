using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using K8sGossip.Operator.Local.Status;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>Runs every node of a local network as a child process (the orderer first), restarts a node that exits with
/// backoff, and stops them all cleanly: SIGTERM, a grace period, then SIGKILL.</summary>
/// <remarks>Each node's output goes to <c>&lt;state&gt;/logs/&lt;name&gt;.log</c>. A node that exits while the network runs is
/// reported (log line and <see cref="NodeEvent"/>) and restarted; so is one killed from outside.</remarks>
internal sealed partial class NetworkSupervisor : INodeProcesses, IAsyncDisposable
{
    private readonly string _sidecarDll;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<SupervisedNode> _nodes;
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;

    /// <summary>A supervisor of <paramref name="network"/>'s nodes, run with <paramref name="sidecarDll"/>; <paramref name="backoff"/> makes each node's restart policy.</summary>
    public NetworkSupervisor(MaterializedNetwork network, string sidecarDll, TimeProvider time, ILoggerFactory loggers, Func<RestartBackoff>? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loggers);
        _sidecarDll = sidecarDll;
        _time = time;
        _logger = loggers.CreateLogger<NetworkSupervisor>();
        _nodes = [.. network.Nodes.Select(n => new SupervisedNode(n, network.Layout.LogFile(n.Name), backoff?.Invoke() ?? new RestartBackoff()))];
    }

    /// <summary>Raised (on a pool thread) when a node starts, crashes or stops.</summary>
    public event Action<NodeProcessEvent>? NodeEvent;

    /// <summary>Raised (on a pool thread) when any node's process changes, to rewrite the run file.</summary>
    public event Action? Changed;

    /// <summary>The grace period between SIGTERM and SIGKILL when stopping.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Starts the orderer, waits for <paramref name="ordererReady"/> (so the peers find it, and it gets the CPU to start
    /// before a dozen processes compete for it), then starts every peer, each under its own supervising loop.</summary>
    public async Task StartAsync(Func<CancellationToken, Task> ordererReady, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ordererReady);
        var orderer = _nodes[0];
        orderer.Loop = Task.Run(() => SuperviseAsync(orderer, _stopping.Token), CancellationToken.None);
        await ordererReady(cancellationToken).ConfigureAwait(false);
        foreach (var node in _nodes.Skip(1))
        {
            node.Loop = Task.Run(() => SuperviseAsync(node, _stopping.Token), CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public NodeProcessInfo? Find(string name)
    {
        var node = _nodes.FirstOrDefault(n => string.Equals(n.Launch.Name, name, StringComparison.Ordinal));
        if (node is null)
        {
            return null;
        }

        var pid = node.RunningPid;
        return new NodeProcessInfo(node.Launch.Name, pid, pid is not null, node.Restarts, pid is { } p ? ProcessSignals.ResidentMemoryMb(p) : null);
    }

    /// <summary>Every node's process, orderer first.</summary>
    public IReadOnlyList<NodeProcessInfo> Snapshot() => [.. _nodes.Select(n => Find(n.Launch.Name)!)];

    /// <summary>The run file describing this supervisor and its nodes now.</summary>
    public RunFile RunFile(DateTimeOffset startedAt, string? dashboard) =>
        new(Environment.ProcessId, startedAt, dashboard, [.. _nodes.Select(n =>
        {
            var pid = n.RunningPid;
            return new RunFileNode(n.Launch.Name, pid, pid is not null, n.Restarts, n.Launch.ConfigFile);
        })]);

    /// <summary>Stops supervising and stops every node: SIGTERM, up to <see cref="StopGrace"/>, then SIGKILL.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_nodes.Select(n => n.Loop)).ConfigureAwait(false);
        await Task.WhenAll(_nodes.Select(n => StopNodeAsync(n, cancellationToken))).ConfigureAwait(false);
        OnChanged();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task SuperviseAsync(SupervisedNode node, CancellationToken stopping)
    {
        var restart = false;
        while (!stopping.IsCancellationRequested)
        {
            Process process;
            var startedAt = _time.GetUtcNow();
            try
            {
                process = StartProcess(node.Launch);
                node.Attach(process, restart);
                OnChanged();
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
            {
                Log.StartFailed(_logger, node.Launch.Name, e.Message);
                node.WriteLog($"k8sgossip: could not start {node.Launch.Name}: {e.Message}");
                if (!await DelayAsync(node.Backoff.NextDelay(startedAt, startedAt), stopping).ConfigureAwait(false))
                {
                    return;
                }

                restart = true;
                continue;
            }

            Log.NodeStarted(_logger, node.Launch.Name, process.Id);
            Raise(node.Launch.Name, "started", $"{node.Launch.Name} started (pid {process.Id.ToString(CultureInfo.InvariantCulture)})");
            try
            {
                await process.WaitForExitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // StopAsync stops the process.
            }

            var exitedAt = _time.GetUtcNow();
            var code = process.ExitCode;
            var delay = node.Backoff.NextDelay(startedAt, exitedAt);
            var message = $"{node.Launch.Name} exited with code {code.ToString(CultureInfo.InvariantCulture)} after {(exitedAt - startedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; restarting in {delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
            Log.NodeCrashed(_logger, node.Launch.Name, code, delay.TotalSeconds);
            node.WriteLog($"k8sgossip: {message}");
            Raise(node.Launch.Name, "crash", message);
            OnChanged();
            if (!await DelayAsync(delay, stopping).ConfigureAwait(false))
            {
                return;
            }

            restart = true;
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Process StartProcess(NodeLaunch launch)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = launch.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_sidecarDll);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(launch.ConfigFile);
        start.ArgumentList.Add("--bind");
        start.ArgumentList.Add(Planning.LocalTarget.Host);

        // The generated configuration is the whole truth of a local network: overrides meant for another sidecar must not leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CORE_", StringComparison.Ordinal) || k.StartsWith("K8SGOSSIP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        // Workstation GC and no profile-guided rejit: a dozen small processes on one machine should not each reserve a
        // server heap per core or spend CPU recompiling hot methods while all of them start at once.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        return process;
    }

    private async Task StopNodeAsync(SupervisedNode node, CancellationToken cancellationToken)
    {
        var process = node.Process;
        int pid;
        try
        {
            if (process is null || process.HasExited)
            {
                return;
            }

            pid = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        ProcessSignals.Terminate(pid);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            Log.NodeStopped(_logger, node.Launch.Name, process.ExitCode);
            Raise(node.Launch.Name, "stopped", $"{node.Launch.Name} stopped (exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)})");
        }
        catch (OperationCanceledException)
        {
            Log.NodeKilled(_logger, node.Launch.Name, StopGrace.TotalSeconds);
            node.WriteLog($"k8sgossip: {node.Launch.Name} did not stop within {StopGrace.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; killed");
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception or TimeoutException)
            {
                Log.KillFailed(_logger, node.Launch.Name, e.Message);
            }
        }
    }

    private void Raise(string node, string kind, string message)
    {
        var e = new NodeProcessEvent(_time.GetUtcNow(), node, kind, message);
        Notify(() => NodeEvent?.Invoke(e));
    }

    private void OnChanged() => Notify(() => Changed?.Invoke());

    // A subscriber's failure must not end a node's supervision: it is logged and supervision goes on.
    private void Notify(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // Subscribers are arbitrary code; whatever they throw is reported, never fatal to the loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.SubscriberFailed(_logger, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Node} started with pid {Pid}")]
        public static partial void NodeStarted(ILogger logger, string node, int pid);

        [LoggerMessage(2, LogLevel.Warning, "{Node} exited with code {ExitCode}; restarting in {DelaySeconds} s")]
        public static partial void NodeCrashed(ILogger logger, string node, int exitCode, double delaySeconds);

        [LoggerMessage(3, LogLevel.Error, "{Node} could not be started: {Reason}")]
        public static partial void StartFailed(ILogger logger, string node, string reason);

        [LoggerMessage(4, LogLevel.Information, "{Node} stopped with exit code {ExitCode}")]
        public static partial void NodeStopped(ILogger logger, string node, int exitCode);

        [LoggerMessage(5, LogLevel.Warning, "{Node} did not stop within {GraceSeconds} s of SIGTERM; killed")]
        public static partial void NodeKilled(ILogger logger, string node, double graceSeconds);

        [LoggerMessage(6, LogLevel.Error, "{Node} could not be killed: {Reason}")]
        public static partial void KillFailed(ILogger logger, string node, string reason);

        [LoggerMessage(7, LogLevel.Error, "A subscriber to the supervisor's events failed: {Reason}")]
        public static partial void SubscriberFailed(ILogger logger, string reason);
    }
}
