using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.TestServer;

namespace K8sGossip.Kubernetes.Tests.Infrastructure;

/// <summary>Builds clients for a running test server.</summary>
public static class TestApi
{
    public static KubeClientOptions FastOptions() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
    };

    public static KubeApiClient Client(KubeApiTestServer server, KubeClientOptions? options = null, string? token = null, TimeProvider? time = null) =>
        new(
            new KubeClientConfig { Server = server.BaseAddress, Token = token is null ? null : new StaticTokenSource(token) },
            options ?? FastOptions(),
            time);

    public static KubeApiClient ClientVia(int port, KubeClientOptions? options = null) =>
        new(new KubeClientConfig { Server = new Uri($"http://127.0.0.1:{port}/") }, options ?? FastOptions());

    public static ConfigMap ConfigMap(string name, Dictionary<string, string>? data = null, Dictionary<string, string>? labels = null, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
        Data = data ?? new Dictionary<string, string> { ["k"] = "v" },
    };
}
