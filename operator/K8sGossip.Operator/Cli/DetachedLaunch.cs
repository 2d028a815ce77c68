using System.Diagnostics;
using System.Globalization;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Cli;

/// <summary><c>up --detach</c>: starts the same <c>up</c> in the background (its own session, output to <c>logs/up.log</c>), waits
/// until the network answers, and says where the dashboard is.</summary>
internal static class DetachedLaunch
{
    /// <summary>How long the background network may take to answer.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Starts <c>up</c> without <c>--detach</c> in the background and waits for it.</summary>
    public static async Task<int> RunAsync(StateLayout layout, string[] originalArguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(layout.LogsDirectory);
        File.Delete(layout.UpLogFile);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // setsid puts the network in its own session, so closing the terminal does not stop it; the shell execs, so the
        // pid is the background up itself, whose output goes to its log.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" </dev/null >>\"$0\" 2>&1");
        start.ArgumentList.Add(layout.UpLogFile);
        foreach (var part in SelfCommand())
        {
            start.ArgumentList.Add(part);
        }

        foreach (var argument in originalArguments.Where(a => a is not "--detach" and not "-d"))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
        process.StandardInput.Close();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(deadline) < StartTimeout)
        {
            // setsid forks only when it must; a clean exit of the launcher then means the network went on in a child.
            if (process.HasExited && process.ExitCode != 0)
            {
                await error.WriteLineAsync($"k8sgossip: the background network exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}; its output ({layout.UpLogFile}):").ConfigureAwait(false);
                await error.WriteLineAsync(Tail(layout.UpLogFile)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            if (RunFile.TryRead(layout.RunFile) is { Dashboard: { } dashboard } run && RunningNetwork.IsSupervisor(run.SupervisorPid)
                && await AnswersAsync(http, dashboard, cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"k8sgossip: the network runs in the background (pid {run.SupervisorPid.ToString(CultureInfo.InvariantCulture)})").ConfigureAwait(false);
                await output.WriteLineAsync($"dashboard: {dashboard}").ConfigureAwait(false);
                await output.WriteLineAsync($"logs:      {layout.LogsDirectory}").ConfigureAwait(false);
                await output.WriteLineAsync($"status:    k8sgossip status --state-dir {layout.Root}").ConfigureAwait(false);
                await output.WriteLineAsync($"stop:      k8sgossip down --state-dir {layout.Root}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        await error.WriteLineAsync($"k8sgossip: the background network did not answer within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; see {layout.UpLogFile}, stop it with k8sgossip down --state-dir {layout.Root}").ConfigureAwait(false);
        return ExitCodes.Failed;
    }

    /// <summary>How to run this executable again: the apphost, or <c>dotnet k8sgossip.dll</c>.</summary>
    public static IReadOnlyList<string> SelfCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var assembly = typeof(DetachedLaunch).Assembly.Location;
        return string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal) && assembly.Length > 0
            ? [host, assembly]
            : [host];
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string dashboard, CancellationToken cancellationToken)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(new Uri(dashboard), "api/status"), cancellationToken).ConfigureAwait(false);
            return NetworkStatusJson.Deserialize(text).OrdererState == PeerStates.Alive;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or FormatException)
        {
            return false;
        }
    }

    private static string Tail(string file)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(30));
        }
        catch (IOException)
        {
            return "(no output)";
        }
    }
}
