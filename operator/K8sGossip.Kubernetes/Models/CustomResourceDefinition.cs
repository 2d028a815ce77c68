using System.Text.Json;

namespace K8sGossip.Kubernetes.Models;

/// <summary>An apiextensions.k8s.io/v1 CustomResourceDefinition.</summary>
public sealed record CustomResourceDefinition : KubeObject
{
    /// <summary>The definition.</summary>
    public CustomResourceDefinitionSpec? Spec { get; init; }

    /// <summary>Acceptance conditions and names; kept opaque.</summary>
    public JsonElement? Status { get; init; }
}

/// <summary>Group, names, scope and versions of a custom resource.</summary>
public sealed record CustomResourceDefinitionSpec : ExtensibleRecord
{
    /// <summary>The API group.</summary>
    public string Group { get; init; } = "";

    /// <summary>Plural, singular, kind and short names.</summary>
    public CustomResourceDefinitionNames Names { get; init; } = new();

    /// <summary><c>Namespaced</c> or <c>Cluster</c>.</summary>
    public string Scope { get; init; } = "Namespaced";

    /// <summary>Served versions.</summary>
    public List<CustomResourceDefinitionVersion> Versions { get; init; } = [];
}

/// <summary>The names of a custom resource.</summary>
public sealed record CustomResourceDefinitionNames : ExtensibleRecord
{
    /// <summary>Lower-case plural used in URLs.</summary>
    public string Plural { get; init; } = "";

    /// <summary>Lower-case singular.</summary>
    public string? Singular { get; init; }

    /// <summary>CamelCase kind.</summary>
    public string Kind { get; init; } = "";

    /// <summary>CamelCase list kind.</summary>
    public string? ListKind { get; init; }

    /// <summary>Short names for kubectl.</summary>
    public List<string>? ShortNames { get; init; }

    /// <summary>Categories for kubectl, for example <c>all</c>.</summary>
    public List<string>? Categories { get; init; }
}

/// <summary>One version of a custom resource; schema, subresources and columns kept opaque.</summary>
public sealed record CustomResourceDefinitionVersion : ExtensibleRecord
{
    /// <summary>The version name, for example <c>v1alpha1</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether the version is served.</summary>
    public bool Served { get; init; }

    /// <summary>Whether this is the storage version.</summary>
    public bool Storage { get; init; }

    /// <summary>The validation schema (<c>openAPIV3Schema</c>).</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>The status and scale subresources.</summary>
    public JsonElement? Subresources { get; init; }

    /// <summary>Printer columns.</summary>
    public JsonElement? AdditionalPrinterColumns { get; init; }
}
