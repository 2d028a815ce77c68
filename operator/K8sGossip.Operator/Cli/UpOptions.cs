namespace K8sGossip.Operator.Cli;

/// <summary>The arguments of <c>k8sgossip up</c>.</summary>
/// <param name="Paths">Manifest files and directories.</param>
/// <param name="StateDirectory">The state directory.</param>
/// <param name="BasePort">The first port of the network.</param>
/// <param name="Rate">Transactions per second.</param>
/// <param name="TransactionBytes">Bytes per transaction.</param>
/// <param name="DashboardPort">The dashboard's port (0: a free one).</param>
/// <param name="Detach">Run in the background.</param>
/// <param name="NoTerminal">Print a line per event instead of redrawing the view.</param>
internal sealed record UpOptions(
    IReadOnlyList<string> Paths,
    string StateDirectory,
    int BasePort,
    double Rate,
    int TransactionBytes,
    int DashboardPort,
    bool Detach,
    bool NoTerminal);
