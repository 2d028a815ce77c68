using System.Text.Json;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Serialization;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Serialization;

public sealed class ModelSerializationTests
{
    [Fact]
    public void Unknown_fields_at_every_level_survive_a_round_trip()
    {
        const string json = """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","futureTop":{"x":1},
             "metadata":{"name":"l","namespace":"ns","futureMeta":"m","managedFields":[{"manager":"a","operation":"Apply"}]},
             "spec":{"holderIdentity":"a","leaseDurationSeconds":15,"strategy":"OldestEmulationVersion","preferredHolder":"b"}}
            """;
        var lease = JsonSerializer.Deserialize(json, KubeJsonContext.Default.Lease)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(lease, KubeJsonContext.Default.Lease))!;

        Assert.Equal(1, (int)written["futureTop"]!["x"]!);
        Assert.Equal("m", (string)written["metadata"]!["futureMeta"]!);
        Assert.Equal("a", (string)written["metadata"]!["managedFields"]![0]!["manager"]!);
        Assert.Equal("OldestEmulationVersion", (string)written["spec"]!["strategy"]!);
        Assert.Equal("b", (string)written["spec"]!["preferredHolder"]!);
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var map = new ConfigMap { Metadata = new ObjectMeta { Name = "x" }, Data = new() { ["a"] = "b" } };
        var text = JsonSerializer.Serialize(map, KubeJsonContext.Default.ConfigMap);

        Assert.Equal("""{"data":{"a":"b"},"metadata":{"name":"x"}}""", text);
    }

    [Fact]
    public void Lease_times_are_written_as_micro_time_in_utc()
    {
        var time = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234560);
        var spec = new LeaseSpec { RenewTime = time, AcquireTime = time };
        var node = JsonNode.Parse(JsonSerializer.Serialize(new Lease { Spec = spec }, KubeJsonContext.Default.Lease))!;

        Assert.Equal("2026-03-04T03:06:07.123456Z", (string)node["spec"]!["renewTime"]!);
        var back = JsonSerializer.Deserialize(node.ToJsonString(), KubeJsonContext.Default.Lease)!;
        Assert.Equal(time, back.Spec!.RenewTime);
    }

    [Fact]
    public void Object_times_are_written_with_whole_seconds()
    {
        var meta = new ConfigMap { Metadata = new ObjectMeta { CreationTimestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) } };
        var node = JsonNode.Parse(JsonSerializer.Serialize(meta, KubeJsonContext.Default.ConfigMap))!;

        Assert.Equal("2026-01-02T03:04:05Z", (string)node["metadata"]!["creationTimestamp"]!);
    }

    [Fact]
    public void Int_or_string_keeps_its_form()
    {
        var service = JsonSerializer.Deserialize("""{"spec":{"ports":[{"port":80,"targetPort":"http"},{"port":81,"targetPort":8081}]}}""", KubeJsonContext.Default.Service)!;

        Assert.Equal("http", service.Spec!.Ports![0].TargetPort!.Value.StringValue);
        Assert.Equal(8081, service.Spec.Ports[1].TargetPort!.Value.IntValue);
        var text = JsonSerializer.Serialize(service, KubeJsonContext.Default.Service);
        Assert.Contains("\"targetPort\":\"http\"", text, StringComparison.Ordinal);
        Assert.Contains("\"targetPort\":8081", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_data_is_base64_on_the_wire()
    {
        var secret = new Secret { Data = new() { ["key"] = [1, 2, 3] } };
        var text = JsonSerializer.Serialize(secret, KubeJsonContext.Default.Secret);

        Assert.Contains("\"key\":\"AQID\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_resources_serialize_spec_and_status_through_their_own_context()
    {
        var widget = new Widget { Metadata = new ObjectMeta { Name = "w" }, Spec = new WidgetSpec { Size = 3 }, Status = new WidgetStatus { Phase = "Ready" } };
        var text = JsonSerializer.Serialize(widget, WidgetJsonContext.Default.Widget);

        Assert.Equal("""{"spec":{"size":3},"status":{"phase":"Ready"},"metadata":{"name":"w"}}""", text);
    }

    [Theory]
    [InlineData("", "v1", "configmaps", true, "default", "x", null, "/api/v1/namespaces/default/configmaps/x")]
    [InlineData("apps", "v1", "statefulsets", true, "ns", null, null, "/apis/apps/v1/namespaces/ns/statefulsets")]
    [InlineData("apps", "v1", "statefulsets", true, null, null, null, "/apis/apps/v1/statefulsets")]
    [InlineData("certificates.k8s.io", "v1", "certificatesigningrequests", false, "ignored", "c", "approval", "/apis/certificates.k8s.io/v1/certificatesigningrequests/c/approval")]
    public void Resource_paths_follow_the_api_layout(string group, string version, string plural, bool namespaced, string? ns, string? name, string? sub, string expected)
    {
        var descriptor = new ResourceDescriptor(group, version, plural, "K", namespaced);

        Assert.Equal(expected, descriptor.Path(ns, name, sub));
    }

    [Fact]
    public void A_namespaced_object_without_a_namespace_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => KubeResources.Leases.Descriptor.Path(null, "x"));

        Assert.Contains("Lease is namespaced", error.Message, StringComparison.Ordinal);
    }
}
