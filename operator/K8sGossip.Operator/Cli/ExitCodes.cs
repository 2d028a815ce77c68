namespace K8sGossip.Operator.Cli;

/// <summary>The exit codes of <c>k8sgossip</c>, a stable interface for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>status</c>, the network runs.</summary>
    public const int Ok = 0;

    /// <summary>The command failed: invalid manifests, a network already running, ports taken, a node that cannot start.</summary>
    public const int Failed = 1;

    /// <summary>Bad command-line arguments.</summary>
    public const int Usage = 2;

    /// <summary><c>status</c>: no network runs from the state directory.</summary>
    public const int NotRunning = 3;
}
