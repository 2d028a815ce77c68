using K8sGossip.Gossip.Identity;

namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>One node of a <see cref="TestNetwork"/>: its files, ports and credentials, and its process once started.</summary>
internal sealed class TestNode(string name, string mspId, string directory, int port, int adminPort, int localApiPort, PeerCredentials credentials)
{
    public string Name { get; } = name;

    public string MspId { get; } = mspId;

    public string Directory { get; } = directory;

    public int Port { get; } = port;

    public int AdminPort { get; } = adminPort;

    public int LocalApiPort { get; } = localApiPort;

    public PeerCredentials Credentials { get; } = credentials;

    public string Endpoint => $"127.0.0.1:{Port}";

    public string PkiIdHex => Credentials.PkiId.ToString();

    public string ConfigFile => Path.Combine(Directory, "core.yaml");

    public SidecarProcess? Process { get; set; }

    /// <summary>Set by a test that stops the node on purpose.</summary>
    public bool ExpectedToExit { get; set; }
}
