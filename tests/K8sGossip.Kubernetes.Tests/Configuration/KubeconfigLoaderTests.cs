using System.Security.Cryptography;
using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Configuration;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Config(string clusters, string users, string contexts, string current = "current-context: main") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        {clusters}
        users:
        {users}
        contexts:
        {contexts}
        {current}
        """;

    private const string MainContexts = """
        - name: main
          context:
            cluster: c1
            user: u1
            namespace: team-a
        - name: other
          context:
            cluster: c2
            user: u2
        """;

    [Fact]
    public void The_current_context_selects_server_token_and_namespace()
    {
        var (ca, _) = TestCertificates.SelfSignedEc("ca");
        var yaml = Config(
            $"""
            - name: c1
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {TestCertificates.Base64(ca)}
            - name: c2
              cluster:
                server: https://127.0.0.2:6443
                certificate-authority-data: {TestCertificates.Base64(ca)}
            """,
            """
            - name: u1
              user:
                token: secret-1
            - name: u2
              user:
                token: secret-2
            """,
            MainContexts);
        var config = KubeconfigLoader.Load(_dir.Write("config", yaml));

        Assert.Equal(new Uri("https://127.0.0.1:6443"), config.Server);
        Assert.Equal("secret-1", config.Token!.GetToken());
        Assert.Equal("team-a", config.Namespace);
        Assert.Single(config.CertificateAuthorities!);
    }

    [Fact]
    public void A_named_context_overrides_the_current_one_and_defaults_the_namespace()
    {
        var yaml = Config(
            """
            - name: c1
              cluster:
                server: https://127.0.0.1:6443
            - name: c2
              cluster:
                server: https://127.0.0.2:7443
            """,
            """
            - name: u1
              user:
                token: secret-1
            - name: u2
              user:
                token: secret-2
            """,
            MainContexts);
        var config = KubeconfigLoader.Load(_dir.Write("config", yaml), new KubeconfigLoadOptions { Context = "other" });

        Assert.Equal(new Uri("https://127.0.0.2:7443"), config.Server);
        Assert.Equal("secret-2", config.Token!.GetToken());
        Assert.Equal("default", config.Namespace);
    }

    [Fact]
    public void Token_files_and_certificate_files_resolve_relative_to_the_kubeconfig()
    {
        var (ca, _) = TestCertificates.SelfSignedEc("ca");
        _dir.Write("ca.crt", ca);
        _dir.Write("token", "file-token\n");
        var yaml = Config(
            """
            - name: c1
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: ca.crt
            """,
            """
            - name: u1
              user:
                tokenFile: token
            """,
            """
            - name: main
              context:
                cluster: c1
                user: u1
            """);
        var config = KubeconfigLoader.Load(_dir.Write("config", yaml));

        Assert.Equal("file-token", config.Token!.GetToken());
        Assert.Single(config.CertificateAuthorities!);
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public void Client_certificates_load_with_their_private_key(string algorithm)
    {
        var (cert, key) = algorithm == "rsa" ? TestCertificates.SelfSignedRsa("client") : TestCertificates.SelfSignedEc("client");
        _dir.Write("client.key", key);
        var yaml = Config(
            """
            - name: c1
              cluster:
                server: https://127.0.0.1:6443
            """,
            $"""
            - name: u1
              user:
                client-certificate-data: {TestCertificates.Base64(cert)}
                client-key: client.key
            """,
            """
            - name: main
              context:
                cluster: c1
                user: u1
            """);
        var config = KubeconfigLoader.Load(_dir.Write("config", yaml));

        Assert.NotNull(config.ClientCertificate);
        Assert.True(config.ClientCertificate!.HasPrivateKey);
        Assert.Equal("CN=client", config.ClientCertificate.Subject);
    }

    [Fact]
    public void Insecure_skip_tls_verify_is_refused_unless_the_caller_opts_in()
    {
        var yaml = Config(
            """
            - name: c1
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: true
            """,
            """
            - name: u1
              user: {}
            """,
            """
            - name: main
              context:
                cluster: c1
                user: u1
            """);
        var path = _dir.Write("config", yaml);

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Load(path));
        Assert.Contains("insecure-skip-tls-verify", error.Message, StringComparison.Ordinal);
        Assert.True(KubeconfigLoader.Load(path, new KubeconfigLoadOptions { AllowInsecureSkipTlsVerify = true }).InsecureSkipTlsVerify);
    }

    [Theory]
    [InlineData("clusters: [unclosed", "not valid YAML")]
    [InlineData("apiVersion: v1\nclusters: []\ncontexts: []\nusers: []\n", "current-context")]
    [InlineData("current-context: nope\ncontexts:\n- name: main\n  context: {cluster: c1}\n", "no entry named 'nope' (found: main)")]
    [InlineData("current-context: main\ncontexts:\n- name: main\n  context: {cluster: c1}\nclusters:\n- name: c1\n  cluster: {}\n", "cluster 'c1' has no 'server'")]
    [InlineData("current-context: main\ncontexts:\n- name: main\n  context: {cluster: c1}\nclusters:\n- name: c1\n  cluster: {server: 'ftp://x'}\n", "is not an http(s) URL")]
    [InlineData("current-context: main\ncontexts:\n- name: main\n  context: {cluster: c1, user: u}\nclusters:\n- name: c1\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {exec: {command: aws}}\n", "uses 'exec'")]
    [InlineData("current-context: main\ncontexts:\n- name: main\n  context: {cluster: c1, user: u}\nclusters:\n- name: c1\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {client-certificate-data: 'QUJD'}\n", "both 'client-certificate(-data)' and 'client-key(-data)'")]
    [InlineData("current-context: main\ncontexts:\n- name: main\n  context: {cluster: c1}\nclusters:\n- name: c1\n  cluster: {server: 'https://x', certificate-authority-data: '***'}\n", "'certificate-authority-data' is not valid base64")]
    [InlineData("current-context: main\ncontexts:\n- name: main\n  context: {cluster: c1}\nclusters:\n- name: c1\n  cluster: {server: 'https://x', certificate-authority: missing.crt}\n", "missing.crt' cannot be read")]
    public void A_malformed_kubeconfig_gives_one_clear_error(string yaml, string expected)
    {
        var path = _dir.Write("config", yaml);

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_does_not_match_its_key_is_reported()
    {
        var (cert, _) = TestCertificates.SelfSignedEc("a");
        var (_, otherKey) = TestCertificates.SelfSignedEc("b");
        var yaml = $"current-context: main\ncontexts:\n- name: main\n  context: {{cluster: c1, user: u}}\nclusters:\n- name: c1\n  cluster: {{server: 'https://x'}}\nusers:\n- name: u\n  user: {{client-certificate-data: '{TestCertificates.Base64(cert)}', client-key-data: '{TestCertificates.Base64(otherKey)}'}}\n";
        var path = _dir.Write("config", yaml);

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Load(path));
        Assert.Contains("user 'u': the client certificate and key cannot be loaded", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
    }
}
