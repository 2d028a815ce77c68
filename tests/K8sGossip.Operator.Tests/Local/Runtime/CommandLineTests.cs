using System.CommandLine;
using K8sGossip.Operator.Cli;

namespace K8sGossip.Operator.Tests.Local.Runtime;

public sealed class CommandLineTests
{
    [Fact]
    public void Up_takes_several_paths_and_every_flag()
    {
        var result = Parse("up", "a.yaml", "dir", "--state-dir", "/tmp/s", "--base-port", "9000", "--rate", "5.5", "--tx-bytes", "200", "--dashboard-port", "0", "--detach", "--no-terminal");

        Assert.Empty(result.Errors);
        Assert.Equal("up", result.CommandResult.Command.Name);
        Assert.Equal(["a.yaml", "dir"], Value<string[]>(result, "paths") ?? []);
        Assert.Equal("/tmp/s", Value<string>(result, "--state-dir"));
        Assert.Equal(9000, Value<int>(result, "--base-port"));
        Assert.Equal(5.5, Value<double>(result, "--rate"));
        Assert.Equal(200, Value<int>(result, "--tx-bytes"));
        Assert.Equal(0, Value<int>(result, "--dashboard-port"));
        Assert.True(Value<bool>(result, "--detach"));
        Assert.True(Value<bool>(result, "--no-terminal"));
    }

    [Fact]
    public void Up_defaults_to_the_state_directory_under_the_current_folder_and_port_7050()
    {
        var result = Parse("up", "examples/three-orgs");

        Assert.Empty(result.Errors);
        Assert.Equal(".k8sgossip", Value<string>(result, "--state-dir"));
        Assert.Equal(7050, Value<int>(result, "--base-port"));
        Assert.Equal(20, Value<double>(result, "--rate"));
        Assert.Equal(1024, Value<int>(result, "--tx-bytes"));
        Assert.Equal(8080, Value<int>(result, "--dashboard-port"));
        Assert.False(Value<bool>(result, "--detach"));
    }

    [Fact]
    public void Up_without_manifests_is_a_usage_error()
    {
        Assert.NotEmpty(Parse("up").Errors);
    }

    [Fact]
    public void Status_accepts_text_and_json_only()
    {
        Assert.Empty(Parse("status", "--output", "json").Errors);
        Assert.Equal("text", Value<string>(Parse("status"), "--output"));
        Assert.NotEmpty(Parse("status", "--output", "yaml").Errors);
    }

    [Fact]
    public void A_non_numeric_rate_is_a_usage_error()
    {
        Assert.NotEmpty(Parse("up", "x", "--rate", "fast").Errors);
    }

    [Fact]
    public async Task Up_with_a_negative_rate_fails_before_planning()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync(["up", "does-not-matter", "--rate", "-1", "--state-dir", Path.Combine(Path.GetTempPath(), "k8sgossip-never-created")], output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--rate must be between 0 and 100000", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "k8sgossip-never-created")));
    }

    [Fact]
    public async Task Down_with_nothing_running_succeeds_with_a_message()
    {
        var state = Directory.CreateTempSubdirectory("k8sgossip-down-");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var code = await CommandLineApp.RunAsync(["down", "--state-dir", state.FullName], output, error, CancellationToken.None);

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("nothing runs", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Status_of_a_state_directory_without_a_network_exits_with_3()
    {
        var state = Directory.CreateTempSubdirectory("k8sgossip-status-");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var code = await CommandLineApp.RunAsync(["status", "--state-dir", state.FullName], output, error, CancellationToken.None);

            Assert.Equal(ExitCodes.NotRunning, code);
            Assert.Contains("no network was started", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static ParseResult Parse(params string[] arguments) =>
        CommandLineApp.Build(TextWriter.Null, TextWriter.Null, arguments).Parse(arguments);

    private static T? Value<T>(ParseResult result, string name) => result.GetValue<T>(name);
}
