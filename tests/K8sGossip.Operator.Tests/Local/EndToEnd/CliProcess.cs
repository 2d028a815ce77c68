using System.Diagnostics;
using System.Text;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>Runs the built <c>k8sgossip</c> executable (<c>dotnet k8sgossip.dll ...</c>) as a real process.</summary>
internal static class CliProcess
{
    public static string Dll { get; } = Find();

    public static async Task<CliResult> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"k8sgossip {string.Join(' ', arguments)} did not finish within {timeout}.\n{output}\n{error}");
        }

        lock (output)
        {
            lock (error)
            {
                return new CliResult(process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    private static string Find()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "k8sgossip.dll");
        Assert.True(File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"{path} with its runtimeconfig is missing");
        return path;
    }
}

/// <summary>How a run of the command line ended.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
