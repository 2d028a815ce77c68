using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>Failures are logged once per cause, then at most once per interval, in virtual time.</summary>
public sealed class FailureLogGateTests
{
    private readonly ManualClock _clock = new();
    private readonly FailureLogGate _gate;

    public FailureLogGateTests() => _gate = new FailureLogGate(_clock, TimeSpan.FromMinutes(1));

    [Fact]
    public void A_repeated_failure_is_logged_once_then_again_after_the_interval_with_the_count_left_out()
    {
        Assert.True(_gate.Fail("peer org1-0", "Unavailable", out var first));
        var repeats = 0;
        for (var i = 0; i < 59; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            repeats += _gate.Fail("peer org1-0", "Unavailable", out _) ? 1 : 0;
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_gate.Fail("peer org1-0", "Unavailable", out var leftOut));

        Assert.Equal(0, first);
        Assert.Equal(0, repeats);
        Assert.Equal(59, leftOut);
    }

    [Fact]
    public void A_new_cause_is_logged_at_once()
    {
        _gate.Fail("orderer", "Timeout", out _);

        Assert.True(_gate.Fail("orderer", "malformed", out var leftOut));
        Assert.Equal(0, leftOut);
    }

    [Fact]
    public void Sources_are_gated_independently()
    {
        _gate.Fail("peer org1-0", "Unavailable", out _);

        Assert.True(_gate.Fail("peer org1-1", "Unavailable", out _));
    }

    [Fact]
    public void Recovery_is_reported_once_and_only_after_a_failure()
    {
        Assert.False(_gate.Recover("peer org1-0"));
        _gate.Fail("peer org1-0", "Unavailable", out _);

        Assert.True(_gate.Recover("peer org1-0"));
        Assert.False(_gate.Recover("peer org1-0"));
        Assert.True(_gate.Fail("peer org1-0", "Unavailable", out _));
    }
}
