using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>Dissemination latency: sliding-window percentiles and the chart history, in virtual time.</summary>
public sealed class LatencyRecorderTests
{
    private static readonly DateTimeOffset T0 = ManualClock.Start;

    private static void RecordMs(LatencyRecorder recorder, string channel, DateTimeOffset received, double ms) =>
        recorder.Record(channel, received, received - TimeSpan.FromMilliseconds(ms));

    [Fact]
    public void Nearest_rank_percentiles_are_samples_of_the_set()
    {
        double[] hundred = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        Assert.Equal(50, Percentiles.NearestRank(hundred, 0.50));
        Assert.Equal(99, Percentiles.NearestRank(hundred, 0.99));
        Assert.Equal(100, Percentiles.NearestRank(hundred, 1.0));
        Assert.Equal(7, Percentiles.NearestRank([7.0], 0.99));
        Assert.Equal(2, Percentiles.NearestRank([1.0, 2.0, 3.0], 0.5));
    }

    [Fact]
    public void A_channel_without_samples_has_no_latency()
    {
        var summary = new LatencyRecorder().Summarize("trade", T0);

        Assert.Null(summary.P50Ms);
        Assert.Null(summary.P99Ms);
        Assert.Empty(summary.History);
    }

    [Fact]
    public void Percentiles_cover_the_samples_of_the_recent_window_only()
    {
        var recorder = new LatencyRecorder(window: TimeSpan.FromSeconds(30));
        for (var i = 0; i < 100; i++)
        {
            RecordMs(recorder, "trade", T0, 1000);
        }

        for (var i = 1; i <= 100; i++)
        {
            RecordMs(recorder, "trade", T0 + TimeSpan.FromSeconds(20), i);
        }

        var both = recorder.Summarize("trade", T0 + TimeSpan.FromSeconds(25));
        var recent = recorder.Summarize("trade", T0 + TimeSpan.FromSeconds(31));

        Assert.Equal(100, both.P50Ms);
        Assert.Equal(1000, both.P99Ms);
        Assert.Equal(50, recent.P50Ms);
        Assert.Equal(99, recent.P99Ms);
    }

    [Fact]
    public void Channels_are_measured_separately()
    {
        var recorder = new LatencyRecorder();
        RecordMs(recorder, "trade", T0, 10);
        RecordMs(recorder, "audit", T0, 500);

        Assert.Equal(10, recorder.Summarize("trade", T0).P50Ms);
        Assert.Equal(500, recorder.Summarize("audit", T0).P50Ms);
    }

    [Fact]
    public void A_block_received_before_its_cut_time_counts_as_zero_latency()
    {
        var recorder = new LatencyRecorder();
        recorder.Record("trade", T0, T0 + TimeSpan.FromMilliseconds(40));

        Assert.Equal(0, recorder.Summarize("trade", T0).P50Ms);
    }

    [Fact]
    public void The_history_gets_one_point_per_round_and_forgets_points_older_than_its_span()
    {
        var recorder = new LatencyRecorder(window: TimeSpan.FromSeconds(30), history: TimeSpan.FromMinutes(5));
        LatencySummary last = LatencySummary.Empty;
        for (var second = 0; second < 400; second++)
        {
            var now = T0 + TimeSpan.FromSeconds(second);
            RecordMs(recorder, "trade", now, second);
            last = recorder.Summarize("trade", now);
        }

        var again = recorder.Summarize("trade", T0 + TimeSpan.FromSeconds(399));

        Assert.Equal(301, last.History.Count);
        Assert.Equal(T0 + TimeSpan.FromSeconds(99), last.History[0].At);
        Assert.Equal(T0 + TimeSpan.FromSeconds(399), last.History[^1].At);
        Assert.Equal(last.History.Count, again.History.Count);
        Assert.Equal(new LatencyPoint(T0 + TimeSpan.FromSeconds(399), 384, 399), last.History[^1]);
    }

    [Fact]
    public void A_window_without_recent_samples_reports_no_latency_but_keeps_its_history()
    {
        var recorder = new LatencyRecorder(window: TimeSpan.FromSeconds(30));
        RecordMs(recorder, "trade", T0, 25);
        recorder.Summarize("trade", T0);

        var later = recorder.Summarize("trade", T0 + TimeSpan.FromMinutes(1));

        Assert.Null(later.P50Ms);
        Assert.Equal(new LatencyPoint(T0, 25, 25), Assert.Single(later.History));
    }

    [Fact]
    public void The_tracker_puts_each_channel_latency_into_the_status()
    {
        var world = new NetworkWorld(ExamplePlans.Local("three-orgs"));
        var recorder = new LatencyRecorder();
        var tracker = new NetworkStatusTracker(world.Plan, recorder);
        RecordMs(recorder, "trade", world.Clock.GetUtcNow(), 12);
        RecordMs(recorder, "trade", world.Clock.GetUtcNow(), 48);

        var status = tracker.Apply(world.Observe());

        var trade = status.Channels.Single(c => c.Name == "trade");
        Assert.Equal(12, trade.LatencyP50Ms);
        Assert.Equal(48, trade.LatencyP99Ms);
        Assert.Single(trade.LatencyHistory);
        Assert.Null(status.Channels.Single(c => c.Name == "audit").LatencyP50Ms);
    }
}
