namespace K8sGossip.Operator.Planning;

/// <summary>A local network: one solo orderer and every peer as processes on 127.0.0.1.</summary>
/// <param name="StateDirectory">Root of certificates, keys and ledgers; a second run resumes from it.</param>
/// <param name="BasePort">The first port; the orderer takes two, each peer three, in a fixed order.</param>
public sealed record LocalTarget(string StateDirectory, int BasePort = LocalTarget.DefaultBasePort) : PlanningTarget
{
    /// <summary>The default first port, next to Fabric's usual 7050 (orderer) and 7051 (peer).</summary>
    public const int DefaultBasePort = 7050;

    /// <summary>The only host a local network listens on.</summary>
    public const string Host = "127.0.0.1";
}
