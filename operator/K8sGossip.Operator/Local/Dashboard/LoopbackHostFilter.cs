using Microsoft.AspNetCore.Http;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>
/// Accepts only requests addressed to this machine's loopback names. A web page elsewhere could otherwise point a
/// name of its own at 127.0.0.1 (DNS rebinding) and read the network's status through the visitor's browser.
/// </summary>
internal static class LoopbackHostFilter
{
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>Whether <paramref name="host"/> (without its port) names the loopback interface.</summary>
    public static bool IsLoopback(HostString host) =>
        host.HasValue && LoopbackHosts.Contains(host.Host, StringComparer.OrdinalIgnoreCase);
}
