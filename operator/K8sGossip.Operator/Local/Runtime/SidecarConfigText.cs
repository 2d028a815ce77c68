using System.Globalization;
using System.Text;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>The core.yaml and channels.yaml of each node of a local network, written from the plan with the sidecar's own key names.</summary>
/// <remarks>Paths inside core.yaml are relative to the node's directory (the sidecar resolves them against the file);
/// the trust bundle names the CA files of the state directory by absolute path.</remarks>
internal static class SidecarConfigText
{
    /// <summary>The core.yaml of <paramref name="peer"/>.</summary>
    public static string PeerCore(NetworkPlan plan, OrganizationPlan organization, PeerPlan peer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(peer);
        var orderer = plan.Orderer ?? throw new ArgumentException("A local plan has an orderer.", nameof(plan));

        // Lease election needs a Kubernetes API; on one machine the same organizations elect over gossip instead.
        var dynamic = organization.Election.Mode != ElectionMode.Static;
        var staticLeader = !dynamic && organization.Election.StaticLeaders.Contains(peer.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.AppendLine("# Written by k8sgossip up from the network's manifests; rewritten on every start.");
        text.AppendLine("peer:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  id: {YamlText.Quote(peer.Name)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  address: {YamlText.Quote(peer.InternalEndpoint.ToString())}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  localMspId: {YamlText.Quote(peer.MspId)}");
        AppendCredentials(text);
        text.AppendLine("  gossip:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    bootstrap: {YamlText.List(peer.Bootstrap.Select(e => e.ToString()))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    externalEndpoint: {YamlText.Quote(peer.External?.Endpoint?.ToString() ?? "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    useLeaderElection: {YamlText.Bool(dynamic)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    orgLeader: {YamlText.Bool(staticLeader)}");
        foreach (var (key, value) in organization.GossipSettings)
        {
            // Validated durations and integers: plain scalars, as the sidecar's own example writes them.
            text.AppendLine(CultureInfo.InvariantCulture, $"    {key}: {value}");
        }

        text.AppendLine("k8sgossip:");
        text.AppendLine("  role: peer");
        text.AppendLine("  dataDir: data");
        text.AppendLine("  channelsFile: channels.yaml");
        text.AppendLine("  ports:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    peer: {YamlText.Int(peer.InternalEndpoint.Port)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    admin: {YamlText.Int(peer.AdminEndpoint.Port)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    localApi: {YamlText.Int(peer.LocalApiEndpoint.Port)}");
        text.AppendLine("  election:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    mode: {(dynamic ? "dynamic" : "static")}");
        text.AppendLine("  orderer:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    endpoints: {YamlText.List([orderer.Endpoint.ToString()])}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    mspId: {YamlText.Quote(orderer.MspId)}");
        return text.ToString();
    }

    /// <summary>The core.yaml of the solo orderer.</summary>
    public static string OrdererCore(OrdererPlan orderer)
    {
        ArgumentNullException.ThrowIfNull(orderer);
        var text = new StringBuilder();
        text.AppendLine("# Written by k8sgossip up from the network's manifests; rewritten on every start.");
        text.AppendLine("peer:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  id: {YamlText.Quote(orderer.Name)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  address: {YamlText.Quote(orderer.Endpoint.ToString())}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  localMspId: {YamlText.Quote(orderer.MspId)}");
        AppendCredentials(text);
        text.AppendLine("k8sgossip:");
        text.AppendLine("  role: orderer");
        text.AppendLine("  dataDir: data");
        text.AppendLine("  channelsFile: channels.yaml");
        text.AppendLine("  ports:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    peer: {YamlText.Int(orderer.Endpoint.Port)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    admin: {YamlText.Int(orderer.AdminEndpoint.Port)}");

        // The orderer serves no local API, but the key must name a port of its own; the next port is never bound by it.
        text.AppendLine(CultureInfo.InvariantCulture, $"    localApi: {YamlText.Int(LocalApiPlaceholder(orderer))}");
        text.AppendLine("  orderer:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    mspId: {YamlText.Quote(orderer.MspId)}");
        return text.ToString();
    }

    /// <summary>The channels.yaml listing <paramref name="channels"/>, trusting the CAs in <paramref name="caFiles"/> (MSP ID to CA certificate file).</summary>
    public static string Channels(IEnumerable<ChannelPlan> channels, IReadOnlyDictionary<string, string> caFiles)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(caFiles);
        var text = new StringBuilder();
        text.AppendLine("# Written by k8sgossip up from the network's manifests; rewritten on every start.");
        text.AppendLine("channels:");
        foreach (var channel in channels)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - name: {YamlText.Quote(channel.Name)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    organizations: {YamlText.List(channel.Members.Select(m => m.MspId))}");
            var anchors = channel.Anchors.Where(a => a.Endpoint is not null).ToList();
            if (anchors.Count == 0)
            {
                text.AppendLine("    anchorPeers: []");
            }
            else
            {
                text.AppendLine("    anchorPeers:");
                foreach (var anchor in anchors)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      - organization: {YamlText.Quote(anchor.MspId)}");
                    text.AppendLine(CultureInfo.InvariantCulture, $"        endpoint: {YamlText.Quote(anchor.Endpoint!.ToString())}");
                }
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"    ordererEndpoints: {YamlText.List(channel.OrdererEndpoints.Select(e => e.ToString()))}");
            text.AppendLine("    dissemination:");
            text.AppendLine(CultureInfo.InvariantCulture, $"      mode: {channel.Mode.Name()}");
            if (channel.Mode == DisseminationMode.Adaptive)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"      threshold: {YamlText.Int(channel.Threshold)}");
            }
        }

        text.AppendLine("trustBundle:");
        foreach (var (mspId, file) in caFiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {YamlText.Quote(mspId)}: {YamlText.Quote(file)}");
        }

        return text.ToString();
    }

    private static int LocalApiPlaceholder(OrdererPlan orderer) =>
        orderer.AdminEndpoint.Port < 65535 ? orderer.AdminEndpoint.Port + 1 : orderer.Endpoint.Port - 1;

    private static void AppendCredentials(StringBuilder text)
    {
        text.AppendLine("  mspConfigPath: msp");
        text.AppendLine("  tls:");
        text.AppendLine("    cert:");
        text.AppendLine("      file: tls/server.crt");
        text.AppendLine("    key:");
        text.AppendLine("      file: tls/server.key");
        text.AppendLine("    rootcert:");
        text.AppendLine("      file: tls/ca.crt");
        text.AppendLine("    clientRootCAs:");
        text.AppendLine("      files: [tls/ca.crt]");
    }
}
