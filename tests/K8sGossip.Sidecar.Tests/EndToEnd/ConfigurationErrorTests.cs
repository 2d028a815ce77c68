using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>The executable refuses bad configuration before it starts anything.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("k8sgossip-config-");

    [Fact]
    public async Task An_unknown_key_makes_the_process_exit_2_naming_the_key()
    {
        var config = Path.Combine(_directory.FullName, "core.yaml");
        await File.WriteAllTextAsync(config, """
            peer:
              id: peer0
              address: 127.0.0.1:7051
              localMspId: Org1MSP
              gossip:
                pullIntervall: 2s
            """);
        await using var process = SidecarProcess.Start("bad-config", _directory.FullName, "--config", config);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), process.Output);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("peer.gossip.pullIntervall", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_argument_makes_the_process_exit_2_with_usage()
    {
        await using var process = SidecarProcess.Start("no-config", _directory.FullName);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), process.Output);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--config is required", process.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
