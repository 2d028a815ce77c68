namespace K8sGossip.Kubernetes.TestServer.Resources;

/// <summary>How a list field merges under server-side apply.</summary>
internal enum ListMergeKind
{
    /// <summary>Replaced as a whole and owned as one field.</summary>
    Atomic,

    /// <summary>Items identified by key fields (<c>k:{...}</c>).</summary>
    Map,

    /// <summary>Items identified by their scalar value (<c>v:...</c>).</summary>
    Set,
}

/// <summary>The list semantics of one list field.</summary>
internal sealed record ListShape(ListMergeKind Kind, IReadOnlyList<string> Keys)
{
    public static readonly ListShape Atomic = new(ListMergeKind.Atomic, []);
}

/// <summary>Resolves list semantics by the dotted field path (list items are transparent: "spec.containers.ports").</summary>
internal sealed class ListSchema
{
    private static readonly ListShape ByName = new(ListMergeKind.Map, ["name"]);

    private readonly Dictionary<string, ListShape> exact;
    private readonly bool builtIn;

    private ListSchema(Dictionary<string, ListShape> exact, bool builtIn)
    {
        this.exact = exact;
        this.builtIn = builtIn;
    }

    /// <summary>Conventions of the built-in kinds (containers by name, ports by port and protocol, conditions by type, ...).</summary>
    public static ListSchema BuiltIn(params (string Path, ListShape Shape)[] extra) =>
        new(extra.ToDictionary(e => e.Path, e => e.Shape, StringComparer.Ordinal), builtIn: true);

    /// <summary>A custom resource's lists, as declared by <c>x-kubernetes-list-type</c> in its schema.</summary>
    public static ListSchema Custom(Dictionary<string, ListShape> declared) => new(declared, builtIn: false);

    public ListShape Lookup(string path)
    {
        if (exact.TryGetValue(path, out var shape))
        {
            return shape;
        }

        if (path == "metadata.finalizers")
        {
            return new ListShape(ListMergeKind.Set, []);
        }

        if (path == "metadata.ownerReferences")
        {
            return new ListShape(ListMergeKind.Map, ["uid"]);
        }

        if (!builtIn)
        {
            return ListShape.Atomic;
        }

        var last = path[(path.LastIndexOf('.') + 1)..];
        if (path.EndsWith("ontainers.ports", StringComparison.Ordinal))
        {
            return new ListShape(ListMergeKind.Map, ["containerPort", "protocol"]);
        }

        return last switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => ByName,
            "volumeMounts" => new ListShape(ListMergeKind.Map, ["mountPath"]),
            "conditions" => new ListShape(ListMergeKind.Map, ["type"]),
            _ => ListShape.Atomic,
        };
    }
}
