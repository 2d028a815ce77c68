using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace K8sGossip.Testing.Processes;

/// <summary>A running <c>k8sgossip-sidecar</c> child process, for tests and benchmarks; its output (the last lines) is kept
/// for assertions and failure messages, never written to the parent's stdout.</summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;

    // Children still running, killed when this process exits (SIGTERM and SIGINT included): a benchmark or test host
    // that is stopped must not leave sidecars behind to load the machine for the next run.
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private static readonly PosixSignalRegistration[] StopSignals =
    [
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillRunning()),
        PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillRunning()),
    ];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static SidecarProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillRunning();

    private SidecarProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        Id = process.Id;
        Running[Id] = process;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process printed so far (its last lines).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The last <paramref name="lines"/> lines the process printed.</summary>
    public string Tail(int lines) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>Starts the sidecar with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static SidecarProcess Start(string name, string workingDirectory, params string[] arguments) =>
        Start(name, workingDirectory, arguments, environment: null);

    /// <summary>Starts the sidecar with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, with the
    /// variables of <paramref name="environment"/> set (after the inherited overrides are removed).</summary>
    public static SidecarProcess Start(string name, string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SidecarExecutable.Path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The sidecar reads CORE_PEER_*, K8SGOSSIP_* and OTEL_* settings; the parent's own environment must not leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CORE_", StringComparison.Ordinal) || k.StartsWith("K8SGOSSIP_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new SidecarProcess(name, process);
    }

    /// <summary>Asks the process to stop as Kubernetes does (SIGTERM).</summary>
    public void Terminate()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>SIGKILL without waiting: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
    }

    /// <summary>Kills the process at once, as a crash or `kill -9` would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Waits for the process to exit; false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Running.TryRemove(Id, out _);
        _process.Dispose();
    }

    private static void KillRunning()
    {
        foreach (var (_, process) in Running)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{Name}] {line}");
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
