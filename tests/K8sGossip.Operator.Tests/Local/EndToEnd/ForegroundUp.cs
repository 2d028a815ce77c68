using System.Collections.Concurrent;
using System.Diagnostics;
using K8sGossip.Operator.Local.Runtime;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary><c>k8sgossip up</c> running in the foreground as a child process, stopped with SIGINT as Ctrl-C would.</summary>
internal sealed class ForegroundUp : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ForegroundUp(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Output => string.Join('\n', _output);

    public static ForegroundUp Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliProcess.Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ForegroundUp(Process.Start(start)!);
    }

    /// <summary>Sends SIGINT (Ctrl-C) and waits for the exit code.</summary>
    /// <remarks>A shell without job control starts its background commands with SIGINT ignored, and an ignored signal
    /// stays ignored in every child, so <c>up</c> started under such a test run cannot see Ctrl-C at all. SIGTERM then
    /// stands in for it: <c>up</c> handles both the same way.</remarks>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        var signal = InterruptIgnored() ? "-TERM" : "-INT";
        using (var kill = Process.Start("kill", [signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"k8sgossip up did not exit within {timeout.TotalSeconds:F0} s of {signal}; it printed:\n{Output}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            ProcessSignals.Kill(_process.Id);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    /// <summary>Whether this process, and so every child it starts, ignores SIGINT (bit 1 of <c>SigIgn</c> in /proc).</summary>
    private static bool InterruptIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << 1)) != 0;
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
