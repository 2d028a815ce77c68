using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// One node's event counters by name (thread-safe): rejections by <see cref="RejectionReason"/> and any layer's own
/// counters (<c>comm.send.dropped.queue_full</c>, <c>membership.declared_dead</c>, ...). Tests assert on them; the
/// <see cref="CountersMeter"/> reports them as metrics.
/// </summary>
public sealed class NodeCounters
{
    /// <summary>Prefix of the counter that counts rejections of one reason.</summary>
    public const string RejectionPrefix = "rejected.";

    private static readonly ImmutableArray<string> RejectionNames =
        [.. Enum.GetValues<RejectionReason>().Select(r => RejectionPrefix + r.ToString())];

    private readonly ConcurrentDictionary<string, StrongBoxCounter> _counters = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="by"/> to counter <paramref name="name"/>.</summary>
    public void Increment(string name, long by = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var box = _counters.GetOrAdd(name, static _ => new StrongBoxCounter());
        Interlocked.Add(ref box.Value, by);
    }

    /// <summary>Counts one rejection of <paramref name="reason"/>.</summary>
    public void Reject(RejectionReason reason) => Increment(NameOf(reason));

    /// <summary>The value of counter <paramref name="name"/> (0 when never incremented).</summary>
    public long Get(string name) => _counters.TryGetValue(name, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>The number of rejections of <paramref name="reason"/>.</summary>
    public long Get(RejectionReason reason) => Get(NameOf(reason));

    /// <summary>All rejections, of every reason.</summary>
    public long TotalRejections => RejectionNames.Sum(Get);

    /// <summary>A copy of every counter.</summary>
    public ImmutableSortedDictionary<string, long> Snapshot() =>
        _counters.ToImmutableSortedDictionary(kv => kv.Key, kv => Interlocked.Read(ref kv.Value.Value), StringComparer.Ordinal);

    /// <summary>The counter name of a rejection reason.</summary>
    public static string NameOf(RejectionReason reason) => RejectionNames[(int)reason];

    private sealed class StrongBoxCounter
    {
#pragma warning disable CA1051 // A public field so Interlocked can update it in place.
        public long Value;
#pragma warning restore CA1051
    }
}
