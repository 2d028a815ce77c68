namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>What the page shows in its header beside the live status: <c>/api/network</c>.</summary>
/// <param name="Name">The network's name, when known.</param>
/// <param name="StateDirectory">Where the network keeps certificates and ledgers, when known.</param>
internal sealed record DashboardNetworkInfo(string? Name, string? StateDirectory);
