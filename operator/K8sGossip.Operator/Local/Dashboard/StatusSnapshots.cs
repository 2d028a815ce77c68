using K8sGossip.Operator.Local.Status;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>
/// Turns the caller's status source into JSON for the page. A source that throws is answered with a clear error
/// instead of tearing down the server; failures are counted and logged when they start and when they end, never once a second.
/// </summary>
/// <remarks>The status changes once per observer round, but every open page asks for it every tick: the JSON of the
/// last status object is kept and reused until the source returns another one.</remarks>
internal sealed partial class StatusSnapshots(Func<NetworkStatus> current, DashboardCounters counters, ILogger logger)
{
    private int _failing;
    private Serialized? _last;

    /// <summary>The current status as <c>NetworkStatusJson</c>, or null (counted and logged) when the source failed.</summary>
    public string? TryTake()
    {
        try
        {
            var status = current();
            var last = Volatile.Read(ref _last);
            if (last is null || !ReferenceEquals(last.Status, status))
            {
                last = new Serialized(status, NetworkStatusJson.Serialize(status));
                Volatile.Write(ref _last, last);
            }

            var json = last.Json;
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                Log.StatusRecovered(logger);
            }

            return json;
        }
#pragma warning disable CA1031 // Whatever the source throws must become a 503 for the page, not a dead server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var total = counters.CountStatusFailure();
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                Log.StatusFailed(logger, total, ex);
            }

            return null;
        }
    }

    private sealed record Serialized(NetworkStatus Status, string Json);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The dashboard cannot read the network status (failure {Total} so far); the page shows it as unavailable until it can")]
        public static partial void StatusFailed(ILogger logger, long total, Exception exception);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The dashboard reads the network status again")]
        public static partial void StatusRecovered(ILogger logger);
    }
}
