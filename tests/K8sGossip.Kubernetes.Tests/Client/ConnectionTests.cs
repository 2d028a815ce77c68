using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Client;

public sealed class ConnectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_kubeconfig_for_a_tls_server_with_a_token_connects_over_https()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { UseTls = true, RequireBearerToken = true, Token = "tls-token" });
        var path = server.WriteKubeconfig(Path.Combine(_dir.Path, "config"), defaultNamespace: "kube-system");

        var config = KubeconfigLoader.Load(path);
        using var client = new KubeApiClient(config, TestApi.FastOptions());
        var created = await client.CreateAsync(KubeResources.ConfigMaps, new Models.ConfigMap { Metadata = new Models.ObjectMeta { Name = "over-tls" } });

        Assert.Equal("https", config.Server.Scheme);
        Assert.Equal("kube-system", created.Metadata.Namespace);
    }

    [Fact]
    public async Task A_server_certificate_not_signed_by_the_configured_ca_is_rejected()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { UseTls = true });
        var (otherCa, _) = TestCertificates.SelfSignedRsa("someone-else");
        var config = new KubeClientConfig
        {
            Server = server.BaseAddress,
            CertificateAuthorities = [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(otherCa)],
        };
        using var client = new KubeApiClient(config, TestApi.FastOptions());

        var error = await Assert.ThrowsAsync<KubeUnreachableException>(() => client.ListAsync(KubeResources.ConfigMaps, "default"));
        Assert.Contains("SSL", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_kubeconfig_token_file_authenticates_against_a_plain_http_server()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { RequireBearerToken = true, Token = "from-file" });
        _dir.Write("token", "from-file");
        var yaml = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: {{server.BaseAddress}}
            users:
            - name: me
              user:
                tokenFile: token
            contexts:
            - name: local
              context: {cluster: local, user: me}
            current-context: local
            """;
        var config = KubeconfigLoader.Load(_dir.Write("config", yaml));
        using var client = new KubeApiClient(config, TestApi.FastOptions());

        var list = await client.ListAsync(KubeResources.Namespaces);

        Assert.NotEmpty(list.Items);
    }
}
