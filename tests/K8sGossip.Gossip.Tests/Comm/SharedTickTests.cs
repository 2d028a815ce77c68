using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Comm;

/// <summary>Checks that many channels make at the same period share one timer: one wake-up per period for all of them.</summary>
public sealed class SharedTickTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Checks_with_the_same_period_run_together_on_one_timer_and_stop_when_disposed()
    {
        var time = new VirtualTimeProvider();
        var node = new NodeContext(time, new Random(7));
        var runs = new List<(string Check, TimeSpan At)>();
        var checks = Enumerable.Range(0, 3)
            .Select(i => node.EveryShared(Period, $"check {i}", () => runs.Add(($"check {i}", time.Elapsed))))
            .ToList();

        time.Advance(TimeSpan.FromSeconds(1));

        // Ten periods: each check ran ten times, all three at the same instants, from one timer event per period.
        Assert.Equal(10, time.EventsRun);
        Assert.All(runs.GroupBy(r => r.Check), g => Assert.Equal(10, g.Count()));
        Assert.All(runs.GroupBy(r => r.At), g => Assert.Equal(3, g.Count()));

        checks[1].Dispose();
        runs.Clear();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(20, runs.Count);
        Assert.DoesNotContain(runs, r => r.Check == "check 1");

        checks[0].Dispose();
        checks[2].Dispose();
        var eventsBefore = time.EventsRun;
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(eventsBefore, time.EventsRun); // nothing left to check: the timer no longer fires at all
    }

    [Fact]
    public void A_check_that_throws_or_stops_another_does_not_stop_the_rest()
    {
        var time = new VirtualTimeProvider();
        var node = new NodeContext(time, new Random(7));
        var ran = new List<string>();
        IDisposable? second = null;
        node.EveryShared(Period, "stops the second", () =>
        {
            ran.Add("first");
            second?.Dispose();
        });
        second = node.EveryShared(Period, "stopped", () => ran.Add("second"));
        node.EveryShared(Period, "throws", () => throw new InvalidOperationException("a bad check"));
        node.EveryShared(Period, "last", () => ran.Add("last"));

        time.Advance(TimeSpan.FromMilliseconds(250));

        // Two or three ticks (the first comes after a random part of the period); the stopped check never ran.
        Assert.InRange(ran.Count, 4, 6);
        Assert.Equal(Enumerable.Repeat<string[]>(["first", "last"], ran.Count / 2).SelectMany(t => t), ran);
    }

    [Fact]
    public void Checks_with_different_periods_keep_their_own_timers()
    {
        var time = new VirtualTimeProvider();
        var node = new NodeContext(time, new Random(7));
        var fast = 0;
        var slow = 0;
        node.EveryShared(Period, "fast", () => fast++);
        node.EveryShared(Period * 5, "slow", () => slow++);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(10, fast);
        Assert.Equal(2, slow);
    }
}
