using System.Diagnostics;
using K8sGossip.Operator.Cli;
using K8sGossip.Operator.Tests.Examples;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>Invalid manifests make <c>up</c> fail fast with the precise message: exit code 1, no state directory, no run file, no process.</summary>
[Collection(LocalNetworkCollection.Name)]
public sealed class InvalidManifestTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var row in InvalidExampleTests.Cases)
        {
            cases.Add((string)row[0], (string)row[3]);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Up_on_an_invalid_example_prints_the_error_and_starts_nothing(string example, string message)
    {
        var state = Path.Combine(Path.GetTempPath(), "k8sgossip-invalid-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync(["up", RepositoryPaths.Example("invalid", example), "--state-dir", state, "--base-port", "24050", "--no-terminal"], output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("nothing was started", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(state), "the state directory must not be created");
    }

    [Theory]
    [InlineData("anchor-unknown-organization", "Not found: \"org9\"")]
    [InlineData("malformed-yaml", "malformed YAML")]
    public async Task The_real_command_fails_fast_on_an_invalid_example_with_exit_code_1(string example, string message)
    {
        var state = Path.Combine(Path.GetTempPath(), "k8sgossip-invalid-" + Guid.NewGuid().ToString("N"));
        var watch = Stopwatch.StartNew();

        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "up", RepositoryPaths.Example("invalid", example), "--state-dir", state, "--detach");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("network.yaml:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(state), "the state directory must not be created");
        Assert.False(File.Exists(Path.Combine(state, "run.json")));
        Assert.DoesNotContain(Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)), p => int.TryParse(p, out var pid) && (K8sGossip.Operator.Local.Runtime.ProcessSignals.CommandLine(pid)?.Contains(state, StringComparison.Ordinal) ?? false));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60));
    }
}
