namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Dissemination latency per channel: samples (a peer committing a block, measured from when the orderer cut it) kept
/// over a sliding window for p50/p99, and a bounded history of (time, p50, p99) points for the dashboard's chart.
/// </summary>
/// <remarks>
/// Thread-safe: block streams record samples while the polling round summarizes. Time is whatever the caller passes, so
/// the recorder runs in virtual time in tests.
/// </remarks>
internal sealed class LatencyRecorder
{
    /// <summary>The default sliding window of p50/p99.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(30);

    /// <summary>The default span of the chart history.</summary>
    public static readonly TimeSpan DefaultHistory = TimeSpan.FromMinutes(5);

    /// <summary>Samples kept per channel at most, so a fast network cannot grow memory without bound.</summary>
    internal const int MaxSamplesPerChannel = 50_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelSamples> _channels = new(StringComparer.Ordinal);
    private readonly TimeSpan _window;
    private readonly TimeSpan _history;

    /// <summary>Creates a recorder with the given window and history span.</summary>
    public LatencyRecorder(TimeSpan? window = null, TimeSpan? history = null)
    {
        _window = window ?? DefaultWindow;
        _history = history ?? DefaultHistory;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_window, TimeSpan.Zero, nameof(window));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_history, TimeSpan.Zero, nameof(history));
    }

    /// <summary>Records that a block of <paramref name="channel"/> cut at <paramref name="cut"/> was committed and seen at <paramref name="received"/>.</summary>
    /// <remarks>A receive time before the cut (clock skew between processes) counts as zero latency.</remarks>
    public void Record(string channel, DateTimeOffset received, DateTimeOffset cut)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var latencyMs = Math.Max(0, (received - cut).TotalMilliseconds);
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var samples))
            {
                samples = new ChannelSamples();
                _channels.Add(channel, samples);
            }

            samples.Window.Enqueue((received, latencyMs));
            if (samples.Window.Count > MaxSamplesPerChannel)
            {
                samples.Window.Dequeue();
            }
        }
    }

    /// <summary>
    /// Drops samples older than the window, computes p50/p99 of the rest, and adds a chart point at <paramref name="now"/>
    /// when the window holds samples and <paramref name="now"/> is later than the last point.
    /// </summary>
    public LatencySummary Summarize(string channel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var samples))
            {
                return LatencySummary.Empty;
            }

            var oldest = now - _window;
            while (samples.Window.Count > 0 && samples.Window.Peek().At < oldest)
            {
                samples.Window.Dequeue();
            }

            var horizon = now - _history;
            while (samples.History.Count > 0 && samples.History.Peek().At < horizon)
            {
                samples.History.Dequeue();
            }

            if (samples.Window.Count == 0)
            {
                return new LatencySummary(null, null, [.. samples.History]);
            }

            var sorted = samples.Window.Select(s => s.LatencyMs).Order().ToArray();
            var p50 = Percentiles.NearestRank(sorted, 0.50);
            var p99 = Percentiles.NearestRank(sorted, 0.99);
            if (samples.LastPointAt is not { } last || last < now)
            {
                samples.History.Enqueue(new LatencyPoint(now, p50, p99));
                samples.LastPointAt = now;
            }

            return new LatencySummary(p50, p99, [.. samples.History]);
        }
    }

    private sealed class ChannelSamples
    {
        public Queue<(DateTimeOffset At, double LatencyMs)> Window { get; } = new();

        public Queue<LatencyPoint> History { get; } = new();

        public DateTimeOffset? LastPointAt { get; set; }
    }
}
