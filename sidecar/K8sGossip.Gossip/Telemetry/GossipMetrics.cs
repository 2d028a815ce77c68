using System.Diagnostics.Metrics;
using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Telemetry;

/// <summary>
/// The engine's instruments on meter <c>K8sGossip</c>: counters and histograms recorded where the events happen, and
/// gauges observed from whatever registered (membership views, ledgers). Several nodes may share a process (the
/// simulator), so gauges report one measurement per registration.
/// </summary>
public static class GossipMetrics
{
    private static readonly Lock RegistrationsLock = new();
    private static readonly List<IMembershipView> MembershipViews = [];
    private static readonly List<HeightLagSource> HeightLagSources = [];

    private static readonly Counter<long> LeaderChangesCounter = GossipTelemetry.Meter.CreateCounter<long>(
        MetricNames.LeaderChanges, "{change}", "Leadership gained (leader=true) or lost (leader=false), by channel.");

    private static readonly Counter<long> BlocksCommittedCounter = GossipTelemetry.Meter.CreateCounter<long>(
        MetricNames.BlocksCommitted, "{block}", "Blocks made durable in the ledger, by channel.");

    private static readonly Counter<long> BlocksCutCounter = GossipTelemetry.Meter.CreateCounter<long>(
        MetricNames.BlocksCut, "{block}", "Blocks cut and signed by the ordering service, by channel.");

    private static readonly Histogram<double> LatencyHistogram = GossipTelemetry.Meter.CreateHistogram(
        MetricNames.DisseminationLatency,
        "ms",
        "Time from a block's cut (its metadata timestamp) to its commit, by channel.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000] });

    private static readonly Counter<long> CopiesCounter = GossipTelemetry.Meter.CreateCounter<long>(
        MetricNames.CopiesReceived, "{copy}", "Copies of blocks received by gossip, by channel, source and whether the copy was a duplicate.");

    private static readonly ObservableGauge<long> MembersGauge = GossipTelemetry.Meter.CreateObservableGauge(
        MetricNames.Members, ObserveMembers, "{member}", "Known members by liveness state.");

    private static readonly ObservableGauge<long> HeightLagGauge = GossipTelemetry.Meter.CreateObservableGauge(
        MetricNames.HeightLag, ObserveHeightLag, "{block}",
        "Blocks the ledger is behind the highest height known from the block sources and the channel's peers, by channel.");

    /// <summary>Counts leadership gained or lost in <paramref name="channel"/>.</summary>
    public static void LeaderChanged(string channel, bool leader) =>
        LeaderChangesCounter.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("leader", leader));

    /// <summary>Counts a block committed in <paramref name="channel"/> and records its dissemination latency, when the
    /// block carries its cut time (<paramref name="cutUnixMs"/> &gt; 0).</summary>
    public static void BlockCommitted(string channel, ulong cutUnixMs, DateTimeOffset now)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        BlocksCommittedCounter.Add(1, tag);
        if (cutUnixMs > 0 && LatencyHistogram.Enabled)
        {
            LatencyHistogram.Record(LatencyMs(cutUnixMs, now), tag);
        }
    }

    /// <summary>Milliseconds from <paramref name="cutUnixMs"/> to <paramref name="now"/>; 0 when clocks disagree the
    /// other way.</summary>
    public static double LatencyMs(ulong cutUnixMs, DateTimeOffset now) => Math.Max(0, now.ToUnixTimeMilliseconds() - (double)cutUnixMs);

    /// <summary>Counts a block cut by the ordering service in <paramref name="channel"/>.</summary>
    public static void BlockCut(string channel) => BlocksCutCounter.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Counts a copy of a block received by gossip.</summary>
    public static void CopyReceived(string channel, string source, bool duplicate)
    {
        if (CopiesCounter.Enabled)
        {
            CopiesCounter.Add(
                1,
                new KeyValuePair<string, object?>("channel", channel),
                new KeyValuePair<string, object?>("source", source),
                new KeyValuePair<string, object?>("duplicate", duplicate));
        }
    }

    /// <summary>Reports the members of <paramref name="view"/> by liveness until the result is disposed.</summary>
    public static IDisposable ObserveMembership(IMembershipView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        lock (RegistrationsLock)
        {
            MembershipViews.Add(view);
        }

        return new Registration(() =>
        {
            lock (RegistrationsLock)
            {
                MembershipViews.Remove(view);
            }
        });
    }

    /// <summary>Reports <paramref name="lag"/> as the height lag of <paramref name="channel"/> until the result is
    /// disposed. The callback runs on the exporter's thread and must not block for long.</summary>
    public static IDisposable ObserveHeightLag(string channel, Func<long> lag)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(lag);
        var source = new HeightLagSource(channel, lag);
        lock (RegistrationsLock)
        {
            HeightLagSources.Add(source);
        }

        return new Registration(() =>
        {
            lock (RegistrationsLock)
            {
                HeightLagSources.Remove(source);
            }
        });
    }

    private static List<Measurement<long>> ObserveMembers()
    {
        IMembershipView[] views;
        lock (RegistrationsLock)
        {
            views = [.. MembershipViews];
        }

        var result = new List<Measurement<long>>(views.Length * 3);
        foreach (var view in views)
        {
            long alive = 0, suspect = 0, dead = 0;
            foreach (var member in view.Current.Members)
            {
                switch (member.State)
                {
                    case PeerLiveness.Alive:
                        alive++;
                        break;
                    case PeerLiveness.Suspect:
                        suspect++;
                        break;
                    default:
                        dead++;
                        break;
                }
            }

            result.Add(new Measurement<long>(alive, new KeyValuePair<string, object?>("state", "alive")));
            result.Add(new Measurement<long>(suspect, new KeyValuePair<string, object?>("state", "suspect")));
            result.Add(new Measurement<long>(dead, new KeyValuePair<string, object?>("state", "dead")));
        }

        return result;
    }

    private static List<Measurement<long>> ObserveHeightLag()
    {
        HeightLagSource[] sources;
        lock (RegistrationsLock)
        {
            sources = [.. HeightLagSources];
        }

        return [.. sources.Select(s => new Measurement<long>(Math.Max(0, s.Lag()), new KeyValuePair<string, object?>("channel", s.Channel)))];
    }

    private sealed record HeightLagSource(string Channel, Func<long> Lag);

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
