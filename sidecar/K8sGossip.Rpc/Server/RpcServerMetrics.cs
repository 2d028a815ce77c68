using System.Diagnostics.Metrics;

namespace K8sGossip.Rpc.Server;

/// <summary>Counters of server calls that did not end well, by reason or status code.</summary>
internal static class RpcServerMetrics
{
    private static readonly Meter Meter = new("K8sGossip");

    /// <summary>Requests refused before reaching a handler (wrong method, protocol, content type, path, header).</summary>
    public static readonly Counter<long> RequestsRejected = Meter.CreateCounter<long>("k8sgossip.rpc.server.requests_rejected", description: "Requests refused before a handler ran, by reason.");

    /// <summary>Calls that ended with a non-OK status.</summary>
    public static readonly Counter<long> CallsFailed = Meter.CreateCounter<long>("k8sgossip.rpc.server.calls_failed", description: "Calls that ended with a non-OK status, by status code.");
}
