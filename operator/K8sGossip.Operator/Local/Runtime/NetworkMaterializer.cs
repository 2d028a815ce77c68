using System.Net;
using K8sGossip.Gossip.Identity;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>Writes a local network's plan to its state directory: a CA per organization and for the orderer, every node's
/// credentials in Fabric's MSP layout, its core.yaml and channels.yaml, and the tool's own client identity.</summary>
/// <remarks>
/// Idempotent: existing CAs and credentials are reused (so PKI-IDs and ledgers survive a restart); configuration is
/// rewritten from the plan on every run. Every file is written crash-safe.
/// </remarks>
internal sealed class NetworkMaterializer(TimeProvider time)
{
    /// <summary>The common name of the tool's client identity, issued by the ordering organization's CA.</summary>
    public const string ClientName = "k8sgossip-client";

    /// <summary>Materializes <paramref name="plan"/>; its target must be a <see cref="LocalTarget"/>.</summary>
    public MaterializedNetwork Materialize(NetworkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var target = plan.Target as LocalTarget ?? throw new ArgumentException("Only a local plan can be materialized.", nameof(plan));
        var orderer = plan.Orderer ?? throw new ArgumentException("A local plan has an orderer.", nameof(plan));
        var layout = StateLayout.For(target.StateDirectory);
        Directory.CreateDirectory(layout.Root);
        Directory.CreateDirectory(layout.LogsDirectory);

        var authorities = new Dictionary<string, CertificateAuthority>(StringComparer.Ordinal);
        var caFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            authorities[orderer.MspId] = CertificateAuthorityStore.LoadOrCreate(orderer.CertificateAuthorityDirectory, orderer.MspId, time, out _);
            caFiles[orderer.MspId] = CertificateAuthorityStore.CertificateFile(orderer.CertificateAuthorityDirectory);
            foreach (var organization in plan.Organizations)
            {
                var directory = organization.CertificateAuthority.Directory
                    ?? throw new ArgumentException($"Organization {organization.Name} has no CA directory in a local plan.", nameof(plan));
                authorities[organization.MspId] = CertificateAuthorityStore.LoadOrCreate(directory, organization.MspId, time, out _);
                caFiles[organization.MspId] = CertificateAuthorityStore.CertificateFile(directory);
            }

            var caBundle = string.Concat(authorities.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value.ExportCertificatePem() + "\n"));
            var pkiIds = new Dictionary<string, string>(StringComparer.Ordinal);
            var issued = new List<string>();

            var ordererCredentials = WriteCredentials(plan, orderer.Name, orderer.DataDirectory, authorities[orderer.MspId], caBundle, pkiIds, issued);
            var ordererPem = ordererCredentials.ExportIdentityCertificatePem();
            Release(ordererCredentials);
            AtomicFile.WriteTextIfChanged(Path.Combine(orderer.DataDirectory, "core.yaml"), SidecarConfigText.OrdererCore(orderer));
            AtomicFile.WriteTextIfChanged(Path.Combine(orderer.DataDirectory, "channels.yaml"), SidecarConfigText.Channels(plan.Channels, caFiles));
            var ordererLaunch = new NodeLaunch(orderer.Name, true, orderer.DataDirectory, Path.Combine(orderer.DataDirectory, "core.yaml"), orderer.AdminEndpoint);

            var peers = new List<NodeLaunch>();
            foreach (var organization in plan.Organizations)
            {
                var channels = plan.Channels.Where(c => organization.Channels.Contains(c.Name, StringComparer.Ordinal)).ToList();
                var trusted = caFiles
                    .Where(ca => ca.Key == orderer.MspId || channels.Any(c => c.Members.Any(m => m.MspId == ca.Key)) || ca.Key == organization.MspId)
                    .ToDictionary(ca => ca.Key, ca => ca.Value, StringComparer.Ordinal);
                var channelsYaml = SidecarConfigText.Channels(channels, trusted);
                foreach (var peer in organization.Peers)
                {
                    Release(WriteCredentials(plan, peer.Name, peer.DataDirectory, authorities[peer.MspId], caBundle, pkiIds, issued));
                    AtomicFile.WriteTextIfChanged(NodeCredentialFiles.Orderers(peer.DataDirectory), ordererPem);
                    AtomicFile.WriteTextIfChanged(Path.Combine(peer.DataDirectory, "core.yaml"), SidecarConfigText.PeerCore(plan, organization, peer));
                    AtomicFile.WriteTextIfChanged(Path.Combine(peer.DataDirectory, "channels.yaml"), channelsYaml);
                    peers.Add(new NodeLaunch(peer.Name, false, peer.DataDirectory, Path.Combine(peer.DataDirectory, "core.yaml"), peer.AdminEndpoint));
                }
            }

            var client = WriteClient(layout, authorities[orderer.MspId], caBundle);
            return new MaterializedNetwork(plan, layout, ordererLaunch, peers, client, pkiIds, issued);
        }
        finally
        {
            foreach (var authority in authorities.Values)
            {
                authority.Dispose();
            }
        }
    }

    private PeerCredentials WriteCredentials(NetworkPlan plan, string name, string directory, CertificateAuthority authority, string caBundle, Dictionary<string, string> pkiIds, List<string> issued)
    {
        var tls = plan.Identities.FirstOrDefault(i => i.Name == name && i.Purpose == CertificatePurpose.Tls);
        IReadOnlyList<string> dnsNames = tls?.DnsNames ?? ["localhost", name];
        IReadOnlyList<IPAddress> addresses = [.. (tls?.IpAddresses ?? [LocalTarget.Host]).Select(IPAddress.Parse)];
        var credentials = NodeCredentialFiles.LoadOrIssue(directory, name, authority, dnsNames, addresses, time, out var fresh);
        if (fresh)
        {
            issued.Add(name);
        }

        AtomicFile.WriteTextIfChanged(NodeCredentialFiles.OrganizationCa(directory), authority.ExportCertificatePem());
        AtomicFile.WriteTextIfChanged(NodeCredentialFiles.TlsAuthorities(directory), caBundle);
        pkiIds[name] = credentials.PkiId.ToString();
        return credentials;
    }

    private ClientIdentityFiles WriteClient(StateLayout layout, CertificateAuthority ordererAuthority, string caBundle)
    {
        var directory = layout.ClientDirectory;
        var credentials = NodeCredentialFiles.LoadOrIssue(directory, ClientName, ordererAuthority, ["localhost"], [IPAddress.Loopback], time, out _);
        Release(credentials);
        AtomicFile.WriteTextIfChanged(NodeCredentialFiles.TlsAuthorities(directory), caBundle);
        return new ClientIdentityFiles(NodeCredentialFiles.TlsCertificate(directory), NodeCredentialFiles.TlsKey(directory), NodeCredentialFiles.TlsAuthorities(directory));
    }

    private static void Release(PeerCredentials credentials)
    {
        credentials.IdentityCertificate.Dispose();
        credentials.TlsCertificate.Dispose();
    }
}
