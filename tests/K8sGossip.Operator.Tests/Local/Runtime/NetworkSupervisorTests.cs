using System.Collections.Concurrent;
using System.Diagnostics;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Planning.Manifests;
using K8sGossip.Operator.Tests.Local.EndToEnd;
using K8sGossip.Operator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Operator.Tests.Local.Runtime;

/// <summary>The supervisor with real sidecar processes: a node that exits is reported and restarted with backoff, and a
/// clean stop ends every node with SIGTERM.</summary>
[Collection(LocalNetworkCollection.Name)]
public sealed class NetworkSupervisorTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("k8sgossip-supervisor-");

    [Fact]
    public async Task A_node_that_keeps_exiting_is_reported_in_its_log_and_restarted_with_backoff()
    {
        var network = Materialize();
        File.WriteAllText(network.Orderer.ConfigFile, "peer:\n  unknownKey: 1\n");
        var events = new ConcurrentQueue<NodeProcessEvent>();
        await using var supervisor = new NetworkSupervisor(Ordererless(network), Sidecar(), TimeProvider.System, NullLoggerFactory.Instance, () => new RestartBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1)));
        supervisor.NodeEvent += events.Enqueue;

        await supervisor.StartAsync(_ => Task.CompletedTask, CancellationToken.None);
        await EventuallyAsync(() => supervisor.Find("orderer")!.Restarts >= 2, TimeSpan.FromSeconds(60), "two restarts");
        await supervisor.StopAsync(CancellationToken.None);

        var crash = events.First(e => e.Kind == "crash");
        Assert.Equal("orderer", crash.Node);
        Assert.Contains("exited with code 2", crash.Message, StringComparison.Ordinal);
        Assert.False(supervisor.Find("orderer")!.Running);
        var log = File.ReadAllText(network.Layout.LogFile("orderer"));
        Assert.Contains("k8sgossip: orderer exited with code 2", log, StringComparison.Ordinal);
        Assert.Contains("unknownKey", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_stop_ends_a_running_node_with_sigterm_and_exit_code_0()
    {
        var network = Materialize();
        var events = new ConcurrentQueue<NodeProcessEvent>();
        await using var supervisor = new NetworkSupervisor(Ordererless(network), Sidecar(), TimeProvider.System, NullLoggerFactory.Instance);
        supervisor.NodeEvent += events.Enqueue;

        await supervisor.StartAsync(_ => Task.CompletedTask, CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await EventuallyAsync(
            async () => (await http.GetAsync(new Uri($"http://{network.Orderer.AdminEndpoint}/healthz"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            "the orderer's /healthz");
        var info = supervisor.Find("orderer")!;
        Assert.True(info.Running);
        Assert.True(info.MemoryMb > 0);
        var pid = info.Pid!.Value;

        await supervisor.StopAsync(CancellationToken.None);

        var stopped = Assert.Single(events, e => e.Kind == "stopped");
        Assert.Contains("exit code 0", stopped.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == "crash");
        Assert.False(ProcessSignals.IsAlive(pid));
        Assert.Equal(0, supervisor.Find("orderer")!.Restarts);
    }

    public void Dispose() => _state.Delete(recursive: true);

    private static string Sidecar()
    {
        var sidecar = SidecarExecutable.Find(out var lookedAt);
        Assert.True(sidecar is not null, $"no sidecar at {lookedAt}");
        return sidecar;
    }

    // Only the orderer runs: these tests are about one supervised process, not about the network.
    private static MaterializedNetwork Ordererless(MaterializedNetwork network) => network with { Peers = [] };

    private MaterializedNetwork Materialize()
    {
        var result = NetworkPlanner.Plan(ManifestLoader.Load(RepositoryPaths.Example("one-org")), new LocalTarget(_state.FullName, FreePortBlock.Find(11)));
        Assert.True(result.Succeeded);
        return new NetworkMaterializer(TimeProvider.System).Materialize(result.Plan!);
    }

    private static Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        EventuallyAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // No answer yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out after {timeout} waiting for {what}.");
    }
}
