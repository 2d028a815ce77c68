namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 Service.</summary>
public sealed record Service : KubeObject
{
    /// <summary>The desired service.</summary>
    public ServiceSpec? Spec { get; init; }
}

/// <summary>How a service selects pods and exposes ports.</summary>
public sealed record ServiceSpec : ExtensibleRecord
{
    /// <summary><c>ClusterIP</c>, <c>NodePort</c>, <c>LoadBalancer</c> or <c>ExternalName</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The cluster IP; <c>None</c> makes a headless service.</summary>
    public string? ClusterIP { get; init; }

    /// <summary>Pods selected by label.</summary>
    public Dictionary<string, string>? Selector { get; init; }

    /// <summary>Exposed ports.</summary>
    public List<ServicePort>? Ports { get; init; }

    /// <summary>Publish addresses of pods that are not ready (needed for peer discovery during start-up).</summary>
    public bool? PublishNotReadyAddresses { get; init; }

    /// <summary><c>Cluster</c> or <c>Local</c>.</summary>
    public string? ExternalTrafficPolicy { get; init; }
}

/// <summary>One exposed port.</summary>
public sealed record ServicePort : ExtensibleRecord
{
    /// <summary>The port's name.</summary>
    public string? Name { get; init; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>The service port.</summary>
    public int Port { get; init; }

    /// <summary>The pod port (number or name).</summary>
    public IntOrString? TargetPort { get; init; }

    /// <summary>The node port for <c>NodePort</c> and <c>LoadBalancer</c> services.</summary>
    public int? NodePort { get; init; }

    /// <summary>Application protocol hint, for example <c>kubernetes.io/h2c</c>.</summary>
    public string? AppProtocol { get; init; }
}
