using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>A running <c>k8sgossip-sidecar</c> child process; its output is kept (the last lines) for failure messages,
/// never written to stdout, which carries only the result lines.</summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SidecarProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        Id = process.Id;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process printed.</summary>
    public string Tail(int lines) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>Starts the sidecar with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static SidecarProcess Start(string name, string workingDirectory, params string[] arguments)
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

        // The sidecar reads CORE_PEER_* and K8SGOSSIP_* overrides; the runner's own environment must not leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CORE_", StringComparison.Ordinal) || k.StartsWith("K8SGOSSIP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new SidecarProcess(name, process);
    }

    /// <summary>Asks the process to stop as Kubernetes does (SIGTERM), without waiting for it.</summary>
    public void Terminate()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
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
