using System.Globalization;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Local.Terminal;

namespace K8sGossip.Operator.Cli;

/// <summary><c>k8sgossip status</c>: the network's status once, from the running <c>up</c>'s dashboard, or read directly from the
/// nodes when no <c>up</c> runs. Exit code 0 when the network runs, 3 when it does not.</summary>
internal static class StatusCommand
{
    /// <summary>The text output (the terminal view).</summary>
    public const string Text = "text";

    /// <summary>The JSON output (a stable interface for scripts).</summary>
    public const string Json = "json";

    /// <summary>Prints the status of the network in <paramref name="stateDirectory"/>.</summary>
    public static async Task<int> RunAsync(string stateDirectory, string format, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var layout = StateLayout.For(stateDirectory);
        var run = RunningNetwork.Find(layout);
        if (run is { Dashboard: { } dashboard })
        {
            var live = await FetchAsync(dashboard, cancellationToken).ConfigureAwait(false);
            if (live is not null)
            {
                await PrintAsync(live, format, output).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await error.WriteLineAsync($"k8sgossip: the network's dashboard at {dashboard} did not answer; reading the nodes directly").ConfigureAwait(false);
        }

        var sources = NetworkSources.TryRead(layout);
        if (sources is null)
        {
            await error.WriteLineAsync($"k8sgossip: no network was started from {layout.Root}; start one with: k8sgossip up <manifests> --state-dir {layout.Root}").ConfigureAwait(false);
            return ExitCodes.NotRunning;
        }

        var plan = sources.Plan(layout, error);
        if (plan is null)
        {
            return ExitCodes.NotRunning;
        }

        var status = await NetworkObserver.ObserveOnceAsync(plan, RunningNetwork.Processes(run ?? RunFile.TryRead(layout.RunFile)), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        await PrintAsync(status, format, output).ConfigureAwait(false);
        var runs = status.OrdererState == PeerStates.Alive || status.Organizations.SelectMany(o => o.Peers).Any(p => p.State != PeerStates.Dead);
        if (!runs)
        {
            await error.WriteLineAsync($"k8sgossip: the network in {layout.Root} is not running").ConfigureAwait(false);
        }

        return runs ? ExitCodes.Ok : ExitCodes.NotRunning;
    }

    private static async Task<NetworkStatus?> FetchAsync(string dashboard, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var text = await http.GetStringAsync(new Uri(new Uri(dashboard), "api/status"), cancellationToken).ConfigureAwait(false);
            return NetworkStatusJson.Deserialize(text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
    }

    private static async Task PrintAsync(NetworkStatus status, string format, TextWriter output)
    {
        if (string.Equals(format, Json, StringComparison.Ordinal))
        {
            await output.WriteLineAsync(NetworkStatusJson.Serialize(status)).ConfigureAwait(false);
            return;
        }

        int width;
        try
        {
            width = Console.IsOutputRedirected ? 120 : Math.Max(60, Console.WindowWidth);
        }
        catch (IOException)
        {
            width = 120;
        }

        var view = TerminalView.Render(status, width);
        var plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        await output.WriteAsync(plain ? Ansi.Strip(view) : view).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"(observed {status.At:u})")).ConfigureAwait(false);
    }
}
