using System.Collections.Concurrent;
using System.Diagnostics;

namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>A running <c>k8sgossip-sidecar</c> child process with its output captured (for failure messages).</summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SidecarProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far.</summary>
    public string Output => string.Join('\n', _output);

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

        // The sidecar reads CORE_PEER_*, K8SGOSSIP_* and OTEL_* settings; the test's own environment must not leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CORE_", StringComparison.Ordinal) || k.StartsWith("K8SGOSSIP_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
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
        while (_output.Count > 2000)
        {
            _output.TryDequeue(out _);
        }
    }
}
