using System.Globalization;
using System.Text;

namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>The files of a <see cref="TestNetwork"/>'s nodes: credentials in Fabric's MSP layout, core.yaml and channels.yaml.</summary>
internal sealed partial class TestNetwork
{
    private void WriteFiles()
    {
        var caBundle = string.Concat(_authorities.Values.Select(a => a.ExportCertificatePem() + "\n"));
        foreach (var node in Peers.Append(Orderer))
        {
            WriteFiles(node, caBundle);
        }
    }

    private void WriteFiles(TestNode node, string caBundle)
    {
        Write(node, "msp/signcerts/cert.pem", node.Credentials.ExportIdentityCertificatePem());
        Write(node, "msp/keystore/key.pem", node.Credentials.ExportIdentityKeyPem());
        Write(node, "msp/cacerts/ca.pem", _authorities[node.MspId].ExportCertificatePem());
        Write(node, "tls/server.crt", node.Credentials.ExportTlsCertificatePem());
        Write(node, "tls/server.key", node.Credentials.ExportTlsKeyPem());
        Write(node, "tls/ca.crt", caBundle);
        if (node != Orderer)
        {
            Write(node, "msp/orderers/orderer.pem", Orderer.Credentials.ExportIdentityCertificatePem());
        }

        Write(node, "channels.yaml", ChannelsYaml());
        Write(node, "core.yaml", node == Orderer ? OrdererYaml() : PeerYaml(node));
    }

    private string ChannelsYaml()
    {
        var organizations = _authorities.Keys.Where(k => k != OrdererMsp).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            channels:
              - name: {Channel}
                organizations: [{string.Join(", ", organizations)}]
                anchorPeers:

            """);
        foreach (var org in organizations)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      - organization: {org}\n        endpoint: {PeersOf(org).First().Endpoint}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"""
                ordererEndpoints: [{Orderer.Endpoint}]
                dissemination:
                  mode: {_mode}{ThresholdLine()}
            trustBundle:

            """);
        foreach (var msp in _authorities.Keys)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {msp}: {Path.Combine(Root, "cas", msp + ".pem")}\n");
        }

        return sb.ToString();
    }

    private string ThresholdLine() =>
        AdaptiveThreshold is int threshold ? string.Create(CultureInfo.InvariantCulture, $"\n      threshold: {threshold}") : string.Empty;

    private string PeerYaml(TestNode node)
    {
        var bootstrap = string.Join(", ", PeersOf(node.MspId).Where(p => p != node).Select(p => p.Endpoint));
        return $"""
            peer:
              id: {node.Name}
              address: {node.Endpoint}
              localMspId: {node.MspId}
              mspConfigPath: msp
              tls:
                cert:
                  file: tls/server.crt
                key:
                  file: tls/server.key
                rootcert:
                  file: tls/ca.crt
                clientRootCAs:
                  files: [tls/ca.crt]
              gossip:
                bootstrap: [{bootstrap}]
                externalEndpoint: {node.Endpoint}
                useLeaderElection: {(_staticLeaders ? "false" : "true")}
                orgLeader: {(_staticLeaders && PeersOf(node.MspId).First() == node ? "true" : "false")}
            k8sgossip:
              role: peer
              dataDir: data
              channelsFile: channels.yaml
              ports:
                peer: {node.Port}
                admin: {node.AdminPort}
                localApi: {node.LocalApiPort}
              orderer:
                endpoints: [{Orderer.Endpoint}]
                mspId: {OrdererMsp}

            """;
    }

    private string OrdererYaml() => $"""
        peer:
          id: {Orderer.Name}
          address: {Orderer.Endpoint}
          localMspId: {OrdererMsp}
          mspConfigPath: msp
          tls:
            cert:
              file: tls/server.crt
            key:
              file: tls/server.key
            rootcert:
              file: tls/ca.crt
            clientRootCAs:
              files: [tls/ca.crt]
        k8sgossip:
          role: orderer
          dataDir: data
          channelsFile: channels.yaml
          ports:
            peer: {Orderer.Port}
            admin: {Orderer.AdminPort}
            localApi: {Orderer.LocalApiPort}
          orderer:
            mspId: {OrdererMsp}
            batch:
              maxMessages: 1
              timeout: 50ms
            generator:
              rate: {OrdererGeneratorRate}
              blockBytes: {OrdererGeneratorBlockBytes}

        """;

    private static void Write(TestNode node, string relative, string text)
    {
        var path = Path.Combine(node.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
