using K8sGossip.Gossip.Identity;
using K8sGossip.Rpc.Client;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>One node of a <see cref="SidecarNetwork"/>: its directory, ports and credentials, and its process once started.</summary>
internal sealed class SidecarNode(string name, string mspId, string directory, PeerCredentials credentials) : IDisposable
{
    private RpcChannel? _localApi;

    public string Name { get; } = name;

    public string MspId { get; } = mspId;

    public string Directory { get; } = directory;

    public int Port { get; } = FreePorts.Port();

    public int AdminPort { get; } = FreePorts.Port();

    public int LocalApiPort { get; } = FreePorts.Port();

    public PeerCredentials Credentials { get; } = credentials;

    public string Endpoint => $"127.0.0.1:{Port}";

    public string ConfigFile => Path.Combine(Directory, "core.yaml");

    public SidecarProcess? Process { get; set; }

    /// <summary>True while the process runs.</summary>
    public bool Running => Process is { HasExited: false };

    /// <summary>The local API (h2c on 127.0.0.1), one HTTP/2 connection reused by every call.</summary>
    public RpcChannel LocalApi => _localApi ??= new RpcChannel(new Uri($"http://127.0.0.1:{LocalApiPort}"));

    public void Dispose() => _localApi?.Dispose();
}
