using K8sGossip.Kubernetes.LeaderElection;

namespace K8sGossip.Kubernetes.Tests.LeaderElection;

public sealed class LeaderElectionOptionsTests
{
    private static LeaderElectionOptions Valid() => new() { Identity = "pod-0", LeaseName = "leader", LeaseNamespace = "gossip" };

    [Fact]
    public void Defaults_are_client_go_values_and_valid()
    {
        var options = Valid();

        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryPeriod);
        Assert.True(options.ReleaseOnCancel);
    }

    public static TheoryData<Action<LeaderElectionOptions>, string> Invalid => new()
    {
        { o => o.Identity = " ", "Identity" },
        { o => o.LeaseName = "", "LeaseName" },
        { o => o.LeaseNamespace = "", "LeaseNamespace" },
        { o => o.LeaseDuration = TimeSpan.FromSeconds(10), "LeaseDuration (00:00:10) must be greater than RenewDeadline" },
        { o => o.RenewDeadline = TimeSpan.FromSeconds(2.4), "RenewDeadline (00:00:02.4000000) must be greater than 1.2 x RetryPeriod" },
        { o => o.RetryPeriod = TimeSpan.Zero, "must be positive" },
        { o => o.LeaseDuration = TimeSpan.FromSeconds(15.5), "LeaseDuration must be a whole number of seconds" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_are_refused_naming_the_setting(Action<LeaderElectionOptions> change, string expected)
    {
        var options = Valid();
        change(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
