using System.Globalization;
using K8sGossip.Operator.Local.Load;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Operator.Cli;

/// <summary><c>k8sgossip up</c>: plans the manifests, writes the state directory, runs every node and watches them until Ctrl-C.</summary>
internal static class UpCommand
{
    /// <summary>Runs <c>up</c> with <paramref name="options"/>.</summary>
    public static async Task<int> RunAsync(UpOptions options, string[] originalArguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var layout = StateLayout.For(options.StateDirectory);
        var load = new LoadOptions { Rate = options.Rate, TransactionBytes = options.TransactionBytes };
        var problems = load.Validate();
        if (options.DashboardPort is < 0 or > 65535)
        {
            problems = [.. problems, "--dashboard-port must be between 0 and 65535"];
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"k8sgossip: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        if (RunningNetwork.Find(layout) is { } running)
        {
            await error.WriteLineAsync($"k8sgossip: a network already runs from {layout.Root} (pid {running.SupervisorPid.ToString(CultureInfo.InvariantCulture)}); stop it with: k8sgossip down --state-dir {layout.Root}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var sources = new NetworkSources([.. options.Paths.Select(Path.GetFullPath)], options.BasePort);
        var plan = sources.Plan(layout, error);
        if (plan is null)
        {
            return ExitCodes.Failed;
        }

        var taken = PortAvailability.Taken(plan);
        if (taken.Count > 0)
        {
            foreach (var (node, endpoint) in taken)
            {
                await error.WriteLineAsync($"k8sgossip: port {endpoint.Port.ToString(CultureInfo.InvariantCulture)} ({node}) is in use; choose other ports with --base-port").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"k8sgossip: if a network of {layout.Root} was killed and left nodes behind, k8sgossip down --state-dir {layout.Root} stops them").ConfigureAwait(false);

            return ExitCodes.Failed;
        }

        if (SidecarExecutable.Find(out var lookedAt) is not { } sidecar)
        {
            await error.WriteLineAsync($"k8sgossip: the sidecar was not found at {lookedAt}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        if (options.Detach)
        {
            return await DetachedLaunch.RunAsync(layout, originalArguments, output, error, cancellationToken).ConfigureAwait(false);
        }

        sources.Write(layout);
        return await RunForegroundAsync(plan, sidecar, layout, options, load, output, error, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunForegroundAsync(NetworkPlan plan, string sidecar, StateLayout layout, UpOptions options, LoadOptions load, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellationToken);
        var redraw = !options.NoTerminal && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        using var loggers = redraw
            ? (ILoggerFactory)NullLoggerFactory.Instance
            : LoggerFactory.Create(b => b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = true;
            }).SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
        var view = new LiveOutput(output, redraw, TimeProvider.System);
        LocalNetworkHost host;
        try
        {
            host = await LocalNetworkHost.StartAsync(plan, sidecar, new UpSettings(options.DashboardPort, load), TimeProvider.System, loggers, view.OnNodeEvent, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"k8sgossip: the network could not start: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await using (host.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"k8sgossip: {plan.Peers.Count.ToString(CultureInfo.InvariantCulture)} peers and the orderer run from {layout.Root}; dashboard at {host.Dashboard}; Ctrl-C stops them").ConfigureAwait(false);
            host.Updated += status => view.OnStatus(status, host.Dashboard, host.Load);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop everything below.
            }

            view.Stop();
            await output.WriteLineAsync("k8sgossip: stopping every node...").ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"k8sgossip: stopped; {host.Load.Accepted.ToString(CultureInfo.InvariantCulture)} transactions accepted. Run up again to resume from the stored ledgers.").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
