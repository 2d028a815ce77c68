using K8sGossip.Operator.Cli;

namespace K8sGossip.Operator;

/// <summary>The <c>k8sgossip</c> command: the local network (<c>up</c>, <c>status</c>, <c>down</c>, <c>plan</c>).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CommandLineApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
    }
}
