using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>The peer's identity and TLS keys (<c>peer.*</c>, <c>peer.tls.*</c>), in Fabric's layout.</summary>
internal static class PeerKeys
{
    private const string MutualTlsReason = "peer-to-peer connections always use mutual TLS, and the handshake binds the TLS certificate to the peer's identity";

    /// <summary><c>peer.id</c>.</summary>
    public static readonly ConfigKey<string> Id = new(
        "peer.id", Parse.Name(), KeyDefaults.Required("peer0.org1.example.com"),
        "The peer's name, used in logs, metrics and traces. It does not identify the peer on the wire (the PKI-ID does).");

    /// <summary><c>peer.address</c>.</summary>
    public static readonly ConfigKey<HostPort?> Address = new(
        "peer.address", Parse.Endpoint(), KeyDefaults.Required("peer0.org1.example.com:7051"),
        "The endpoint other peers of the organization use to reach this peer, and the internal endpoint when `peer.gossip.endpoint` is empty.");

    /// <summary><c>peer.localMspId</c>.</summary>
    public static readonly ConfigKey<string> LocalMspId = new(
        "peer.localMspId", Parse.MspId(), KeyDefaults.Required("Org1MSP"),
        "The MSP ID of the peer's organization. It must match the organization in the peer's certificate and be a member of every channel the peer joins.");

    /// <summary><c>peer.mspConfigPath</c>.</summary>
    public static readonly ConfigKey<string> MspConfigPath = new(
        "peer.mspConfigPath", Parse.FilePath(), KeyDefaults.Same("msp"),
        "Directory in Fabric's MSP layout holding the peer's signing identity: `signcerts/` (its certificate), `keystore/` (its private key) and `cacerts/` (its organization's CA).");

    /// <summary><c>peer.tls.enabled</c>.</summary>
    public static readonly ConfigKey<bool> TlsEnabled = new(
        "peer.tls.enabled", Parse.OnlyTrue(MutualTlsReason), KeyDefaults.Same("true"),
        "Accepted for compatibility with Fabric's core.yaml; only `true` is supported (Fabric's own default is `false`).");

    /// <summary><c>peer.tls.clientAuthRequired</c>.</summary>
    public static readonly ConfigKey<bool> TlsClientAuthRequired = new(
        "peer.tls.clientAuthRequired", Parse.OnlyTrue(MutualTlsReason), KeyDefaults.Same("true"),
        "Accepted for compatibility with Fabric's core.yaml; only `true` is supported (Fabric's own default is `false`).");

    /// <summary><c>peer.tls.cert.file</c>.</summary>
    public static readonly ConfigKey<string> TlsCertFile = new(
        "peer.tls.cert.file", Parse.FilePath(), KeyDefaults.Same("tls/server.crt"),
        "PEM certificate the peer presents on its TLS connections, as server and as client.");

    /// <summary><c>peer.tls.key.file</c>.</summary>
    public static readonly ConfigKey<string> TlsKeyFile = new(
        "peer.tls.key.file", Parse.FilePath(), KeyDefaults.Same("tls/server.key"),
        "PEM private key of `peer.tls.cert.file`.");

    /// <summary><c>peer.tls.rootcert.file</c>.</summary>
    public static readonly ConfigKey<string> TlsRootCertFile = new(
        "peer.tls.rootcert.file", Parse.FilePath(), KeyDefaults.Same("tls/ca.crt"),
        "PEM CA certificate(s) that verify the TLS certificates of the peers and orderers this peer connects to.");

    /// <summary><c>peer.tls.clientRootCAs.files</c>.</summary>
    public static readonly ConfigKey<IReadOnlyList<string>> TlsClientRootCasFiles = new(
        "peer.tls.clientRootCAs.files", Parse.FilePaths(), KeyDefaults.Same("tls/ca.crt"),
        "PEM CA certificates that verify the client certificates of peers connecting to this one (mutual TLS).");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Peer identity and TLS (`peer.*`)",
        "Fabric's keys for who the peer is and how it secures connections. Relative paths are resolved against the directory of `core.yaml`, as Fabric does.",
        [Id, Address, LocalMspId, MspConfigPath, TlsEnabled, TlsClientAuthRequired, TlsCertFile, TlsKeyFile, TlsRootCertFile, TlsClientRootCasFiles]);
}
