using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Configuration;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Func<string, string?> Env(string? host, string? port) =>
        name => name switch
        {
            "KUBERNETES_SERVICE_HOST" => host,
            "KUBERNETES_SERVICE_PORT" => port,
            _ => null,
        };

    private InClusterPaths WriteServiceAccount(string token = "t1")
    {
        var (ca, _) = TestCertificates.SelfSignedEc("cluster-ca");
        _dir.Write("token", token);
        _dir.Write("ca.crt", ca);
        _dir.Write("namespace", "gossip\n");
        return InClusterPaths.InDirectory(_dir.Path);
    }

    [Fact]
    public void In_cluster_settings_come_from_the_service_variables_and_account_files()
    {
        var paths = WriteServiceAccount();

        var config = InClusterConfig.Load(paths, Env("10.96.0.1", "443"));

        Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
        Assert.Equal("gossip", config.Namespace);
        Assert.Equal("t1", config.Token!.GetToken());
        Assert.Single(config.CertificateAuthorities!);
        Assert.True(InClusterConfig.IsAvailable(paths, Env("10.96.0.1", "443")));
    }

    [Fact]
    public void An_ipv6_service_host_is_bracketed()
    {
        var config = InClusterConfig.Load(WriteServiceAccount(), Env("fd00::1", "443"));

        Assert.Equal("[fd00::1]", config.Server.Host);
    }

    [Fact]
    public void Missing_service_variables_name_what_is_missing()
    {
        var error = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(WriteServiceAccount(), Env(null, "443")));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message, StringComparison.Ordinal);
        Assert.False(InClusterConfig.IsAvailable(InClusterPaths.InDirectory(_dir.Path), Env(null, "443")));
    }

    [Fact]
    public void A_missing_token_file_is_reported_with_its_path()
    {
        var paths = WriteServiceAccount();
        File.Delete(paths.TokenFile);

        var error = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(paths, Env("10.0.0.1", "443")));
        Assert.Contains(paths.TokenFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rotated_token_is_picked_up_after_the_refresh_interval_but_not_before()
    {
        var time = new ManualTimeProvider();
        var paths = WriteServiceAccount("old");
        var config = InClusterConfig.Load(paths, Env("10.0.0.1", "443"), time);
        Assert.Equal("old", config.Token!.GetToken());

        File.WriteAllText(paths.TokenFile, "new");
        File.SetLastWriteTimeUtc(paths.TokenFile, DateTime.UtcNow.AddSeconds(5));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("old", config.Token.GetToken());

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("new", config.Token.GetToken());
    }

    [Fact]
    public void A_token_file_that_disappears_later_keeps_the_last_good_token()
    {
        var time = new ManualTimeProvider();
        var file = _dir.Write("token", "good");
        var source = new FileTokenSource(file, time);
        File.Delete(file);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("good", source.GetToken());
    }
}
