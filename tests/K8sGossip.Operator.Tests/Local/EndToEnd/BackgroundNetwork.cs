using System.Diagnostics;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>A network started with <c>k8sgossip up --detach</c> from a temporary state directory; disposing it runs <c>down</c> and
/// kills whatever is left by pid, even when the test failed.</summary>
internal sealed class BackgroundNetwork : IAsyncDisposable
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly HashSet<int> _seenPids = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public BackgroundNetwork(string example, int ports)
    {
        Example = RepositoryPaths.Example(example);
        State = Directory.CreateTempSubdirectory("k8sgossip-e2e-").FullName;
        BasePort = FreePortBlock.Find(ports);
    }

    public string Example { get; }

    public string State { get; }

    public int BasePort { get; }

    public int OrdererAdminPort => BasePort + 1;

    public string RunFilePath => Path.Combine(State, "run.json");

    /// <summary>Runs <c>up --detach</c>; returns the command's result and when it was started.</summary>
    public async Task<CliResult> UpAsync()
    {
        var result = await CliProcess.RunAsync(CommandTimeout, "up", Example, "--state-dir", State, "--base-port", BasePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dashboard-port", "0", "--rate", "20", "--detach");
        RememberPids();
        return result;
    }

    /// <summary>Starts <c>up</c> in the foreground as a child process (its output captured), as a user at a terminal would.</summary>
    public ForegroundUp StartForeground() =>
        ForegroundUp.Start(["up", Example, "--state-dir", State, "--base-port", BasePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dashboard-port", "0", "--rate", "20", "--no-terminal"]);

    public Task<CliResult> DownAsync() => CliProcess.RunAsync(CommandTimeout, "down", "--state-dir", State);

    public Task<CliResult> StatusJsonAsync() => CliProcess.RunAsync(CommandTimeout, "status", "--state-dir", State, "--output", "json");

    /// <summary>The run file; fails when there is none.</summary>
    public RunFile Run()
    {
        var run = RunFile.TryRead(RunFilePath);
        Assert.NotNull(run);
        RememberPids(run);
        return run;
    }

    /// <summary>The status the running <c>up</c> serves.</summary>
    public async Task<NetworkStatus> LiveStatusAsync()
    {
        var run = RunFile.TryRead(RunFilePath);
        if (run?.Dashboard is null)
        {
            throw new HttpRequestException("no run file with a dashboard yet");
        }

        RememberPids(run);
        var text = await _http.GetStringAsync(new Uri(new Uri(run.Dashboard), "api/status"));
        return NetworkStatusJson.Deserialize(text);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/> with the last status.</summary>
    public async Task<NetworkStatus> EventuallyAsync(Func<NetworkStatus, bool> condition, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var watch = Stopwatch.StartNew();
        NetworkStatus? last = null;
        Exception? lastError = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                last = await LiveStatusAsync();
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
            {
                lastError = e;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"Timed out after {timeout} waiting for {what}. Last error: {lastError?.Message}\nLast status:\n{(last is null ? "none" : NetworkStatusJson.Serialize(last))}\n{Logs()}");
        return last!;
    }

    /// <summary>The tail of the background up's log, for failure messages.</summary>
    public string Logs()
    {
        var log = Path.Combine(State, "logs", "up.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "(no up.log)";
    }

    public void RememberPids(RunFile? run = null)
    {
        run ??= RunFile.TryRead(RunFilePath);
        if (run is null)
        {
            return;
        }

        _seenPids.Add(run.SupervisorPid);
        foreach (var node in run.Nodes)
        {
            if (node.Pid is { } pid)
            {
                _seenPids.Add(pid);
            }
        }
    }

    /// <summary>The pids of this network (supervisor and nodes) that still run, with command lines naming this state directory.</summary>
    public IReadOnlyList<int> LivePids() =>
        [.. _seenPids.Where(p => ProcessSignals.IsAlive(p) && (ProcessSignals.CommandLine(p)?.Contains(State, StringComparison.Ordinal) ?? false))];

    public async ValueTask DisposeAsync()
    {
        try
        {
            RememberPids();
            await DownAsync();
        }
        finally
        {
            foreach (var pid in LivePids())
            {
                ProcessSignals.Kill(pid);
            }

            _http.Dispose();
            try
            {
                Directory.Delete(State, recursive: true);
            }
            catch (IOException)
            {
                // A process may still hold a file for a moment; the temporary directory is cleaned by the system.
            }
        }
    }
}
