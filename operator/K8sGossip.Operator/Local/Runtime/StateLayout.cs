namespace K8sGossip.Operator.Local.Runtime;

/// <summary>Where a local network keeps its files under the state directory (besides the per-node directories the plan names).</summary>
/// <param name="Root">The state directory, as an absolute path.</param>
internal sealed record StateLayout(string Root)
{
    /// <summary>The default state directory, under the current folder.</summary>
    public const string DefaultDirectoryName = ".k8sgossip";

    /// <summary>The layout of <paramref name="stateDirectory"/>, made absolute against the current folder.</summary>
    public static StateLayout For(string stateDirectory) => new(Path.GetFullPath(stateDirectory));

    /// <summary>Every node's output and the background <c>up</c>'s own output.</summary>
    public string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>The run file of a running <c>up</c>.</summary>
    public string RunFile => Path.Combine(Root, "run.json");

    /// <summary>What <c>up</c> was started with, so <c>status</c> can plan the same network.</summary>
    public string SourcesFile => Path.Combine(Root, "network.json");

    /// <summary>The TLS identity the tool submits transactions with.</summary>
    public string ClientDirectory => Path.Combine(Root, "client");

    /// <summary>The log file of a node.</summary>
    public string LogFile(string node) => Path.Combine(LogsDirectory, node + ".log");

    /// <summary>The log of a background <c>up</c>.</summary>
    public string UpLogFile => Path.Combine(LogsDirectory, "up.log");
}
