using System.Globalization;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Local.Runtime;

namespace K8sGossip.Operator.Cli;

/// <summary><c>k8sgossip plan</c>: plans the manifests for a local network and prints what <c>up</c> would run, without starting anything.</summary>
internal static class PlanCommand
{
    /// <summary>Prints the plan of <paramref name="paths"/>; exit code 1 on planning errors.</summary>
    public static int Run(IReadOnlyList<string> paths, string stateDirectory, int basePort, TextWriter output, TextWriter error)
    {
        var layout = StateLayout.For(stateDirectory);
        var plan = new NetworkSources([.. paths.Select(Path.GetFullPath)], basePort).Plan(layout, error);
        if (plan is null)
        {
            return ExitCodes.Failed;
        }

        var orderer = plan.Orderer!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"orderer {orderer.Name} ({orderer.MspId}) at {orderer.Endpoint}, admin {orderer.AdminEndpoint}"));
        foreach (var organization in plan.Organizations)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"organization {organization.Name} ({organization.MspId}), election {organization.Election.Mode.ToString().ToLowerInvariant()}, channels: {string.Join(", ", organization.Channels)}"));
            foreach (var peer in organization.Peers)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {peer.Name,-12} peer {peer.InternalEndpoint}  admin {peer.AdminEndpoint}  local API {peer.LocalApiEndpoint}{(peer.External?.Endpoint is { } external ? $"  external {external}" : "")}"));
            }
        }

        foreach (var channel in plan.Channels)
        {
            var anchors = string.Join(", ", channel.Anchors.Select(a => $"{a.PeerName ?? a.Endpoint?.ToString() ?? "pending"} ({a.MspId})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"channel {channel.Name}: {StatusModeName(channel)} mode, members {string.Join(", ", channel.Members.Select(m => m.MspId))}; anchors {(anchors.Length == 0 ? "none" : anchors)}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state directory {layout.Root}; {plan.Identities.Count} certificates to issue or reuse"));
        return ExitCodes.Ok;
    }

    private static string StatusModeName(Planning.ChannelPlan channel) =>
        channel.Mode.Name() + (channel.Mode == Crds.DisseminationMode.Adaptive ? string.Create(CultureInfo.InvariantCulture, $" (threshold {channel.Threshold})") : "");
}
