using K8sGossip.Operator.Local.Runtime;

namespace K8sGossip.Operator.Tests.Local.Runtime;

public sealed class RestartBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delay_doubles_from_half_a_second_up_to_ten_seconds_for_quick_crashes()
    {
        var backoff = new RestartBackoff();
        var delays = new List<double>();
        var at = Start;
        for (var i = 0; i < 8; i++)
        {
            var exited = at + TimeSpan.FromSeconds(2);
            var delay = backoff.NextDelay(at, exited);
            delays.Add(delay.TotalSeconds);
            at = exited + delay;
        }

        Assert.Equal([0.5, 1, 2, 4, 8, 10, 10, 10], delays);
    }

    [Fact]
    public void A_run_of_a_stable_minute_resets_the_delay()
    {
        var backoff = new RestartBackoff();
        for (var i = 0; i < 5; i++)
        {
            backoff.NextDelay(Start, Start + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.NextDelay(Start, Start + TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(Start, Start + TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_run_just_short_of_the_stable_period_keeps_growing_the_delay()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        backoff.NextDelay(Start, Start);
        backoff.NextDelay(Start, Start);

        Assert.Equal(TimeSpan.FromSeconds(4), backoff.NextDelay(Start, Start + TimeSpan.FromSeconds(59.9)));
    }
}
