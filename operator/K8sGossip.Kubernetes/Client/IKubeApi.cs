using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Client;

/// <summary>The Kubernetes API verbs the project uses, generic over any kind described by a <see cref="KubeResource{T}"/>.</summary>
/// <remarks>
/// Namespace arguments: for one object, null means the client's default namespace (or the object's own
/// <c>metadata.namespace</c>); for a collection (list, watch), null means all namespaces.
/// Failures surface as subclasses of <see cref="Errors.KubeApiException"/>.
/// </remarks>
public interface IKubeApi
{
    /// <summary>The namespace used when a single-object call names none.</summary>
    string DefaultNamespace { get; }

    /// <summary>Reads one object.</summary>
    Task<T> GetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Reads one object, or returns null when it does not exist.</summary>
    Task<T?> TryGetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Reads one page of a collection.</summary>
    Task<KubeList<T>> ListAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Reads a whole collection page by page, and the version to watch from.</summary>
    Task<KubeListResult<T>> ListAllAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Creates an object (POST); fails with AlreadyExists when the name is taken.</summary>
    Task<T> CreateAsync<T>(KubeResource<T> resource, T value, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Replaces an object (PUT); with <c>metadata.resourceVersion</c> set, fails with Conflict if it changed meanwhile.</summary>
    Task<T> ReplaceAsync<T>(KubeResource<T> resource, T value, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Applies a JSON merge patch (RFC 7386).</summary>
    Task<T> MergePatchAsync<T>(KubeResource<T> resource, string name, JsonNode patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Server-side apply: the server merges <paramref name="value"/> as the full intent of <see cref="ApplyOptions.FieldManager"/>.</summary>
    Task<T> ApplyAsync<T>(KubeResource<T> resource, T value, ApplyOptions options, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Deletes an object; succeeds once deletion is accepted (finalizers may keep it a while).</summary>
    Task DeleteAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Replaces the status subresource (PUT .../status).</summary>
    Task<T> ReplaceStatusAsync<T>(KubeResource<T> resource, T value, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Merge-patches the status subresource.</summary>
    Task<T> MergePatchStatusAsync<T>(KubeResource<T> resource, string name, JsonNode patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Server-side applies the status subresource.</summary>
    Task<T> ApplyStatusAsync<T>(KubeResource<T> resource, T value, ApplyOptions options, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Replaces another subresource, for example <c>approval</c> of a CertificateSigningRequest.</summary>
    Task<T> ReplaceSubresourceAsync<T>(KubeResource<T> resource, T value, string subresource, CancellationToken cancellationToken = default)
        where T : KubeObject;

    /// <summary>Streams the changes of a collection until the server ends the watch or the token is cancelled.</summary>
    /// <exception cref="Errors.KubeGoneException">The requested version is too old; relist.</exception>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubeResource<T> resource, string? @namespace, WatchOptions options, CancellationToken cancellationToken = default)
        where T : KubeObject;
}
