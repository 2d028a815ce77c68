using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Environment variables given to a test network reach every node it starts, where they override core.yaml
/// or are refused when unknown.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class NodeEnvironmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_K8SGOSSIP_variable_overrides_core_yaml_on_a_started_node()
    {
        await using var network = new TestNetwork("direct", organizations: 1, peersPerOrganization: 1);
        Assert.Equal(0, network.OrdererGeneratorRate);
        network.Environment["K8SGOSSIP_ORDERER_GENERATOR_RATE"] = "200";
        network.Start([.. network.Peers]);

        // Nothing is submitted: only the generator the variable turned on cuts blocks.
        using var cts = new CancellationTokenSource(Timeout);
        var orderer = network.OrdererChannel();
        await network.EventuallyAsync(async () => await OrdererBlockReader.HeightAsync(orderer, cts.Token) >= 50, Timeout, "the generator turned on by the environment to cut blocks");
    }

    [Fact]
    public async Task An_unknown_K8SGOSSIP_variable_makes_a_node_exit_2_naming_it()
    {
        await using var network = new TestNetwork("direct", organizations: 1, peersPerOrganization: 1);
        network.Environment["K8SGOSSIP_FAILUREDETECTION_PROBEINTERVALL"] = "1s";
        network.Start([.. network.Peers]);

        var process = network.Orderer.Process!;
        network.Orderer.ExpectedToExit = true;
        Assert.True(await process.WaitForExitAsync(Timeout), process.Output);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("K8SGOSSIP_FAILUREDETECTION_PROBEINTERVALL", process.Output, StringComparison.Ordinal);
    }
}
