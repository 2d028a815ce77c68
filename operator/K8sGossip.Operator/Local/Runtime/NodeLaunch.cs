using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>How to start one node of a local network: its directory, configuration and admin endpoint.</summary>
/// <param name="Name">The node's name (<c>orderer</c> or a peer's name).</param>
/// <param name="IsOrderer">True for the solo orderer.</param>
/// <param name="Directory">Its working directory (credentials, configuration, ledger).</param>
/// <param name="ConfigFile">Its core.yaml.</param>
/// <param name="AdminEndpoint">Its admin (health and status) endpoint.</param>
internal sealed record NodeLaunch(string Name, bool IsOrderer, string Directory, string ConfigFile, Endpoint AdminEndpoint);
