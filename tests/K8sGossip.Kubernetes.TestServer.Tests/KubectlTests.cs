using System.Diagnostics;

namespace K8sGossip.Kubernetes.TestServer.Tests;

/// <summary>The real kubectl as an independent client: if it works against the server, the wire format and semantics are right.</summary>
public sealed class KubectlTests
{
    private const string LeaseManifest = """
        apiVersion: coordination.k8s.io/v1
        kind: Lease
        metadata:
          name: org1-leader
        spec:
          holderIdentity: peer-0
          leaseDurationSeconds: 15
        """;

    private const string ConfigMapManifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: org1-bootstrap
        data:
          bootstrap: peer-0.org1:7051
        """;

    private const string OrganizationManifest = """
        apiVersion: gossip.k8sgossip.io/v1alpha1
        kind: Organization
        metadata:
          name: org1
        spec:
          mspId: Org1MSP
          peers: 3
        """;

    private const string OrganizationCrdManifest = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: organizations.gossip.k8sgossip.io
        spec:
          group: gossip.k8sgossip.io
          scope: Namespaced
          names:
            plural: organizations
            singular: organization
            kind: Organization
            listKind: OrganizationList
            shortNames: [org]
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    [Fact]
    public async Task Kubectl_lists_the_initial_namespaces()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var kubectl = new Kubectl(server);

        var output = await kubectl.RunOkAsync("get", "namespaces");

        Assert.Contains("default", output, StringComparison.Ordinal);
        Assert.Contains("kube-system", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_manages_a_lease_end_to_end()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var kubectl = new Kubectl(server);

        await RoundTripAsync(server, kubectl, LeaseManifest, "lease", "org1-leader", "leases.coordination.k8s.io",
            "holderIdentity: peer-0", "holderIdentity: peer-1", "coordination.k8s.io/v1", "Lease");
    }

    [Fact]
    public async Task Kubectl_manages_a_config_map_end_to_end()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var kubectl = new Kubectl(server);

        await RoundTripAsync(server, kubectl, ConfigMapManifest, "configmap", "org1-bootstrap", "configmaps",
            "bootstrap: peer-0.org1:7051", "bootstrap: peer-1.org1:7051", "v1", "ConfigMap");
    }

    [Fact]
    public async Task Kubectl_manages_a_custom_resource_after_creating_its_CRD()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var kubectl = new Kubectl(server);
        var crd = kubectl.WriteFile("crd.yaml", OrganizationCrdManifest);

        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/organizations.gossip.k8sgossip.io created",
            await kubectl.RunOkAsync("create", "-f", crd), StringComparison.Ordinal);

        await RoundTripAsync(server, kubectl, OrganizationManifest, "organization", "org1", "organizations.gossip.k8sgossip.io",
            "peers: 3", "peers: 5", "gossip.k8sgossip.io/v1alpha1", "Organization");
        var (code, _, stderr) = await kubectl.RunAsync("get", "org");
        Assert.Equal(0, code);
        Assert.Contains("No resources found in default namespace.", stderr, StringComparison.Ordinal);
    }

    /// <summary>create -f, get, get -o yaml, apply --server-side (shared, conflicting, forced), get --watch while deleting, delete.</summary>
    private static async Task RoundTripAsync(KubeApiTestServer server, Kubectl kubectl, string manifest, string resource, string name,
        string qualified, string originalLine, string changedLine, string apiVersion, string kind)
    {
        var file = kubectl.WriteFile($"{name}.yaml", manifest);
        var changed = kubectl.WriteFile($"{name}-changed.yaml", manifest.Replace(originalLine, changedLine, StringComparison.Ordinal));

        Assert.Contains($"{name} created", await kubectl.RunOkAsync("create", "-f", file), StringComparison.Ordinal);
        Assert.Contains(name, await kubectl.RunOkAsync("get", resource), StringComparison.Ordinal);
        var yaml = await kubectl.RunOkAsync("get", resource, name, "-o", "yaml");
        Assert.Contains(originalLine, yaml, StringComparison.Ordinal);
        Assert.Contains("resourceVersion:", yaml, StringComparison.Ordinal);

        var versionBefore = server.CurrentResourceVersion;
        Assert.Contains($"{name} serverside-applied", await kubectl.RunOkAsync("apply", "--server-side", "--validate=false", "-f", file), StringComparison.Ordinal);
        var versionAfterJoin = server.CurrentResourceVersion;
        await kubectl.RunOkAsync("apply", "--server-side", "--validate=false", "-f", file);
        Assert.True(versionAfterJoin > versionBefore, "joining ownership of the fields is a write");
        Assert.Equal(versionAfterJoin, server.CurrentResourceVersion);

        var (code, _, stderr) = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", changed);
        Assert.NotEqual(0, code);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl-create\"", stderr, StringComparison.Ordinal);
        await kubectl.RunOkAsync("apply", "--server-side", "--force-conflicts", "--validate=false", "-f", changed);
        Assert.Contains(changedLine, await kubectl.RunOkAsync("get", resource, name, "-o", "yaml"), StringComparison.Ordinal);
        Assert.NotNull(server.Get(apiVersion, kind, "default", name));

        using var watch = kubectl.Start("get", resource, "--watch");
        try
        {
            Assert.Contains(name, await ReadLineContainingAsync(watch, name), StringComparison.Ordinal);
            Assert.Contains($"\"{name}\" deleted", await kubectl.RunOkAsync("delete", resource, name), StringComparison.Ordinal);
            Assert.Contains(name, await ReadLineContainingAsync(watch, name), StringComparison.Ordinal);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
        }

        var (missingCode, _, missing) = await kubectl.RunAsync("get", resource, name);
        Assert.NotEqual(0, missingCode);
        Assert.Contains($"Error from server (NotFound): {qualified} \"{name}\" not found", missing, StringComparison.Ordinal);
        Assert.Null(server.Get(apiVersion, kind, "default", name));
    }

    private static async Task<string> ReadLineContainingAsync(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"kubectl --watch ended before printing {text}: {await process.StandardError.ReadToEndAsync(timeout.Token)}");
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
