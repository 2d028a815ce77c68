using System.CommandLine;
using K8sGossip.Operator.Local.Load;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Cli;

/// <summary>The <c>k8sgossip</c> command line: <c>up</c>, <c>status</c>, <c>down</c> and <c>plan</c>.</summary>
internal static class CommandLineApp
{
    /// <summary>Builds the command tree; handlers write to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error, string[] arguments)
    {
        var root = new RootCommand("K8sGossip: gossip data dissemination for permissioned networks. Runs a whole network on this machine from the same manifests a cluster gets.");
        root.Subcommands.Add(Up(output, error, arguments));
        root.Subcommands.Add(Status(output, error));
        root.Subcommands.Add(Down(output, error));
        root.Subcommands.Add(Plan(output, error));
        return root;
    }

    /// <summary>Parses and runs <paramref name="arguments"/>.</summary>
    public static async Task<int> RunAsync(string[] arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = Build(output, error, arguments);
        var parsed = root.Parse(arguments);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // up handles SIGINT and SIGTERM itself, so that every child is stopped before the process ends.
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static Option<string> StateDirectoryOption() => new("--state-dir")
    {
        Description = "Directory of the network's certificates, configuration, ledgers and logs",
        DefaultValueFactory = _ => StateLayout.DefaultDirectoryName,
        HelpName = "DIR",
    };

    private static Option<int> BasePortOption() => new("--base-port")
    {
        Description = "First port on 127.0.0.1: the orderer takes two, each peer three",
        DefaultValueFactory = _ => LocalTarget.DefaultBasePort,
    };

    private static Argument<string[]> PathsArgument() => new("paths")
    {
        Description = "Manifest files or directories (Organization, Channel, AnchorPeer)",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command Up(TextWriter output, TextWriter error, string[] arguments)
    {
        var paths = PathsArgument();
        var state = StateDirectoryOption();
        var basePort = BasePortOption();
        var rate = new Option<double>("--rate") { Description = "Transactions per second submitted to the orderer, over all channels (0: none)", DefaultValueFactory = _ => LoadOptions.DefaultRate };
        var size = new Option<int>("--tx-bytes") { Description = "Payload bytes per transaction", DefaultValueFactory = _ => LoadOptions.DefaultTransactionBytes };
        var dashboard = new Option<int>("--dashboard-port") { Description = "Port of the web dashboard on 127.0.0.1 (0: any free port; a taken port falls back to a free one)", DefaultValueFactory = _ => UpSettings.DefaultDashboardPort };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run the network in the background and return once it answers" };
        var noTerminal = new Option<bool>("--no-terminal") { Description = "Print a line per event instead of redrawing the status view" };
        var command = new Command("up", "Plan the manifests, issue certificates, and run the orderer and every peer on this machine until Ctrl-C")
        {
            paths, state, basePort, rate, size, dashboard, detach, noTerminal,
        };
        command.SetAction((result, ct) => UpCommand.RunAsync(
            new UpOptions(
                result.GetRequiredValue(paths),
                result.GetRequiredValue(state),
                result.GetValue(basePort),
                result.GetValue(rate),
                result.GetValue(size),
                result.GetValue(dashboard),
                result.GetValue(detach),
                result.GetValue(noTerminal)),
            arguments,
            output,
            error,
            ct));
        return command;
    }

    private static Command Status(TextWriter output, TextWriter error)
    {
        var state = StateDirectoryOption();
        var format = new Option<string>("--output", "-o") { Description = "text (the status view) or json (stable, for scripts)", DefaultValueFactory = _ => StatusCommand.Text };
        format.AcceptOnlyFromAmong(StatusCommand.Text, StatusCommand.Json);
        var command = new Command("status", "Print the network's status once. Exit code 0: the network runs; 3: it does not") { state, format };
        command.SetAction((result, ct) => StatusCommand.RunAsync(result.GetRequiredValue(state), result.GetRequiredValue(format), output, error, ct));
        return command;
    }

    private static Command Down(TextWriter output, TextWriter error)
    {
        var state = StateDirectoryOption();
        var command = new Command("down", "Stop the network started with up --detach (or any up of this state directory)") { state };
        command.SetAction((result, ct) => DownCommand.RunAsync(result.GetRequiredValue(state), output, error, ct));
        return command;
    }

    private static Command Plan(TextWriter output, TextWriter error)
    {
        var paths = PathsArgument();
        var state = StateDirectoryOption();
        var basePort = BasePortOption();
        var command = new Command("plan", "Print what up would run (nodes, ports, channels) without starting anything") { paths, state, basePort };
        command.SetAction(result => PlanCommand.Run(result.GetRequiredValue(paths), result.GetRequiredValue(state), result.GetValue(basePort), output, error));
        return command;
    }
}
