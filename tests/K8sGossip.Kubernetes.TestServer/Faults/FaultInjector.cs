using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer;

/// <summary>
/// Injects the failures a real API server and network produce: 5xx errors, 429 throttling with Retry-After, 403,
/// added latency, dropped watch connections and watch-window compaction (so the next resume gets 410 Gone).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock sync = new();
    private readonly List<Rule> rules = [];
    private readonly ObjectStore store;
    private long injected;

    internal FaultInjector(ObjectStore store) => this.store = store;

    /// <summary>How many requests a rule has failed or delayed so far.</summary>
    public long InjectedCount => Interlocked.Read(ref injected);

    /// <summary>Fails the next <paramref name="count"/> matching requests with a Status body of <paramref name="statusCode"/> (500, 503, 504...).</summary>
    public void FailNext(int count, Func<FaultRequest, bool>? match = null, int statusCode = 500) =>
        AddRule(count, match, r => statusCode == 500
            ? ApiErrors.Internal($"injected failure for {r.Method} {r.Path}")
            : new ApiException(statusCode, statusCode == 503 ? "ServiceUnavailable" : statusCode == 504 ? "Timeout" : "InternalError",
                $"injected failure for {r.Method} {r.Path}"), null);

    /// <summary>Answers the next <paramref name="count"/> matching requests with 429 TooManyRequests and a Retry-After header.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds = 1, Func<FaultRequest, bool>? match = null) =>
        AddRule(count, match, _ => ApiErrors.TooManyRequests(retryAfterSeconds), null);

    /// <summary>Answers the next <paramref name="count"/> matching requests with the 403 an RBAC denial produces.</summary>
    public void ForbidNext(int count, Func<FaultRequest, bool>? match = null, string user = "system:serviceaccount:default:default") =>
        AddRule(count, match, r => new ApiException(403, "Forbidden",
            $"{r.Resource ?? "resource"}{(string.IsNullOrEmpty(r.Group) ? string.Empty : "." + r.Group)} {(r.Name is null ? string.Empty : $"\"{r.Name}\" ")}is forbidden: User \"{user}\" cannot {r.Verb} resource \"{r.Resource}\" in API group \"{r.Group}\"{(r.Namespace is null ? " at the cluster scope" : $" in the namespace \"{r.Namespace}\"")}",
            new System.Text.Json.Nodes.JsonObject { ["name"] = r.Name ?? string.Empty, ["group"] = r.Group ?? string.Empty, ["kind"] = r.Resource ?? string.Empty }), null);

    /// <summary>Delays matching requests by <paramref name="delay"/> (the next <paramref name="count"/> of them, or all when null).</summary>
    public void AddLatency(TimeSpan delay, Func<FaultRequest, bool>? match = null, int? count = null) =>
        AddRule(count ?? int.MaxValue, match, null, delay);

    /// <summary>Breaks every open watch connection now, as a network failure or apiserver restart would.</summary>
    /// <returns>The number of watches dropped.</returns>
    public int DropWatches() => store.DropWatches();

    /// <summary>Forgets all retained watch events, so resuming from any older resourceVersion (or continuing an older list) gets 410 Gone.</summary>
    public void Compact() => store.Compact();

    /// <summary>Removes every pending rule.</summary>
    public void Reset()
    {
        lock (sync)
        {
            rules.Clear();
        }
    }

    internal (ApiException? Failure, TimeSpan Delay) Evaluate(FaultRequest request)
    {
        lock (sync)
        {
            var delay = TimeSpan.Zero;
            foreach (var rule in rules.ToList())
            {
                if (rule.Remaining <= 0 || (rule.Match is not null && !rule.Match(request)))
                {
                    continue;
                }

                rule.Remaining--;
                if (rule.Remaining <= 0)
                {
                    rules.Remove(rule);
                }

                Interlocked.Increment(ref injected);
                if (rule.Delay is { } d)
                {
                    delay += d;
                    continue;
                }

                return (rule.Failure!(request), delay);
            }

            return (null, delay);
        }
    }

    private void AddRule(int count, Func<FaultRequest, bool>? match, Func<FaultRequest, ApiException>? failure, TimeSpan? delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (sync)
        {
            rules.Add(new Rule { Remaining = count, Match = match, Failure = failure, Delay = delay });
        }
    }

    private sealed class Rule
    {
        public int Remaining { get; set; }

        public Func<FaultRequest, bool>? Match { get; init; }

        public Func<FaultRequest, ApiException>? Failure { get; init; }

        public TimeSpan? Delay { get; init; }
    }
}
