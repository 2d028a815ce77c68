using System.Text.Json;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Kubernetes.Client;

/// <summary>The Kubernetes API client: generic verbs over HTTP/2 (or HTTP/1.1) with source-generated JSON.</summary>
/// <remarks>Create one per process and share it; it pools connections.</remarks>
public sealed partial class KubeApiClient : IKubeApi, IDisposable
{
    private const string JsonMedia = "application/json";
    private const string MergePatchMedia = "application/merge-patch+json";
    private const string ApplyPatchMedia = "application/apply-patch+yaml";
    private const int DefaultPageSize = 500;

    private readonly KubeHttpTransport _transport;
    private readonly KubeClientOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for <paramref name="config"/>.</summary>
    /// <param name="config">Where the API is and how to authenticate.</param>
    /// <param name="options">Timeouts and retries; defaults when null.</param>
    /// <param name="time">The clock for timeouts and retry delays; the system clock when null.</param>
    /// <param name="logger">Logs retries and watch reconnects.</param>
    public KubeApiClient(KubeClientConfig config, KubeClientOptions? options = null, TimeProvider? time = null, ILogger<KubeApiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? new KubeClientOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        DefaultNamespace = config.Namespace;
        _transport = new KubeHttpTransport(config, _options, _time, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public string DefaultNamespace { get; }

    /// <summary>The API server address.</summary>
    public Uri Server => _transport.Server;

    /// <inheritdoc />
    public async Task<T> GetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        var ns = ObjectNamespace(resource, @namespace);
        var request = Request(resource, HttpMethod.Get, "get", ns, name, null, idempotent: true);
        return await SendForObjectAsync(request, resource, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<T?> TryGetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        try
        {
            return await GetAsync(resource, name, @namespace, cancellationToken);
        }
        catch (KubeNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<KubeList<T>> ListAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        var query = new List<KeyValuePair<string, string>>();
        AddIfSet(query, "labelSelector", options?.LabelSelector);
        AddIfSet(query, "fieldSelector", options?.FieldSelector);
        AddIfSet(query, "limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddIfSet(query, "continue", options?.Continue);
        var request = Request(resource, HttpMethod.Get, "list", @namespace, null, null, idempotent: true) with { Query = query };
        using var response = await _transport.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Deserialize(bytes, resource.ListTypeInfo, request);
    }

    /// <inheritdoc />
    public async Task<KubeListResult<T>> ListAllAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        var pageOptions = (options ?? new ListOptions()) with { Continue = null, Limit = options?.Limit ?? DefaultPageSize };
        var items = new List<T>();
        while (true)
        {
            KubeList<T> page;
            try
            {
                page = await ListAsync(resource, @namespace, pageOptions, cancellationToken);
            }
            catch (KubeGoneException) when (pageOptions.Continue is not null)
            {
                // The continue token expired between pages: a consistent snapshot needs one unpaged list.
                items.Clear();
                page = await ListAsync(resource, @namespace, pageOptions with { Continue = null, Limit = null }, cancellationToken);
                items.AddRange(page.Items);
                return new KubeListResult<T>(items, page.Metadata.ResourceVersion ?? "");
            }

            items.AddRange(page.Items);
            if (string.IsNullOrEmpty(page.Metadata.Continue))
            {
                return new KubeListResult<T>(items, page.Metadata.ResourceVersion ?? "");
            }

            pageOptions = pageOptions with { Continue = page.Metadata.Continue };
        }
    }

    /// <inheritdoc />
    public async Task<T> CreateAsync<T>(KubeResource<T> resource, T value, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(value);
        var body = WithTypeMeta(resource, value);
        var ns = ObjectNamespace(resource, body.Metadata.Namespace);
        var request = Request(resource, HttpMethod.Post, "create", ns, null, null, idempotent: false) with
        {
            Target = Target(resource, ns, body.Metadata.Name ?? body.Metadata.GenerateName + "*"),
            Body = JsonSerializer.SerializeToUtf8Bytes(body, resource.TypeInfo),
            ContentType = JsonMedia,
        };
        return await SendForObjectAsync(request, resource, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> ReplaceAsync<T>(KubeResource<T> resource, T value, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        PutAsync(resource, value, null, cancellationToken);

    /// <inheritdoc />
    public Task<T> ReplaceStatusAsync<T>(KubeResource<T> resource, T value, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        PutAsync(resource, value, "status", cancellationToken);

    /// <inheritdoc />
    public Task<T> ReplaceSubresourceAsync<T>(KubeResource<T> resource, T value, string subresource, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        ArgumentException.ThrowIfNullOrEmpty(subresource);
        return PutAsync(resource, value, subresource, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> MergePatchAsync<T>(KubeResource<T> resource, string name, JsonNode patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        MergePatchCoreAsync(resource, name, patch, @namespace, null, cancellationToken);

    /// <inheritdoc />
    public Task<T> MergePatchStatusAsync<T>(KubeResource<T> resource, string name, JsonNode patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        MergePatchCoreAsync(resource, name, patch, @namespace, "status", cancellationToken);

    /// <inheritdoc />
    public Task<T> ApplyAsync<T>(KubeResource<T> resource, T value, ApplyOptions options, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        ApplyCoreAsync(resource, value, options, null, cancellationToken);

    /// <inheritdoc />
    public Task<T> ApplyStatusAsync<T>(KubeResource<T> resource, T value, ApplyOptions options, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        ApplyCoreAsync(resource, value, options, "status", cancellationToken);

    /// <inheritdoc />
    public async Task DeleteAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        var ns = ObjectNamespace(resource, @namespace);
        var request = Request(resource, HttpMethod.Delete, "delete", ns, name, null, idempotent: true) with
        {
            Body = options is null ? null : JsonSerializer.SerializeToUtf8Bytes(options, Serialization.KubeJsonContext.Default.DeleteOptions),
            ContentType = JsonMedia,
        };
        using var response = await _transport.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();

    private static void AddIfSet(List<KeyValuePair<string, string>> query, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(new(key, value));
        }
    }

    private static T WithTypeMeta<T>(KubeResource<T> resource, T value)
        where T : KubeObject
    {
        if (value.ApiVersion is not null && value.Kind is not null)
        {
            return value;
        }

        return (T)((KubeObject)value with
        {
            ApiVersion = value.ApiVersion ?? resource.Descriptor.ApiVersion,
            Kind = value.Kind ?? resource.Descriptor.Kind,
        });
    }

    private static string Target<T>(KubeResource<T> resource, string? @namespace, string? name)
        where T : KubeObject
    {
        var plural = resource.Descriptor.QualifiedPlural;
        return (@namespace, name) switch
        {
            (null, null) => $"{plural} (all namespaces)",
            (null, _) => $"{plural} '{name}'",
            (_, null) => $"{plural} in namespace '{@namespace}'",
            _ => $"{plural} '{@namespace}/{name}'",
        };
    }

    private static KubeRequest Request<T>(KubeResource<T> resource, HttpMethod method, string verb, string? @namespace, string? name, string? subresource, bool idempotent)
        where T : KubeObject
    {
        var d = resource.Descriptor;
        var ns = d.Namespaced ? @namespace : null;
        var rbac = new RbacRequirement(verb, d.Group, subresource is null ? d.Plural : $"{d.Plural}/{subresource}", ns);
        return new KubeRequest(method, d.Path(ns, name, subresource), rbac, Target(resource, ns, name) + (subresource is null ? "" : $" ({subresource})"), idempotent);
    }

    private static TValue Deserialize<TValue>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TValue> typeInfo, KubeRequest request)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw new KubeApiException($"{request.Describe()}: the server returned an empty body.");
        }
        catch (JsonException ex)
        {
            throw new KubeApiException($"{request.Describe()}: the server's answer is not a valid {typeof(TValue).Name}: {ex.Message}", ex);
        }
    }

    private string? ObjectNamespace<T>(KubeResource<T> resource, string? @namespace)
        where T : KubeObject =>
        resource.Descriptor.Namespaced ? (string.IsNullOrEmpty(@namespace) ? DefaultNamespace : @namespace) : null;

    private async Task<T> SendForObjectAsync<T>(KubeRequest request, KubeResource<T> resource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        using var response = await _transport.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Deserialize(bytes, resource.TypeInfo, request);
    }

    private async Task<T> PutAsync<T>(KubeResource<T> resource, T value, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(value);
        var body = WithTypeMeta(resource, value);
        var name = body.Metadata.Name ?? throw new ArgumentException($"Replacing a {resource.Descriptor.Kind} needs metadata.name.", nameof(value));
        var ns = ObjectNamespace(resource, body.Metadata.Namespace);
        var request = Request(resource, HttpMethod.Put, "update", ns, name, subresource, idempotent: true) with
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, resource.TypeInfo),
            ContentType = JsonMedia,
        };
        return await SendForObjectAsync(request, resource, cancellationToken);
    }

    private async Task<T> MergePatchCoreAsync<T>(KubeResource<T> resource, string name, JsonNode patch, string? @namespace, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(patch);
        var ns = ObjectNamespace(resource, @namespace);
        var request = Request(resource, HttpMethod.Patch, "patch", ns, name, subresource, idempotent: true) with
        {
            Body = ToUtf8(patch),
            ContentType = MergePatchMedia,
        };
        return await SendForObjectAsync(request, resource, cancellationToken);
    }

    private async Task<T> ApplyCoreAsync<T>(KubeResource<T> resource, T value, ApplyOptions options, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.FieldManager);
        var body = WithTypeMeta(resource, value);
        if (body.Metadata.ManagedFields is not null)
        {
            // The API refuses apply bodies carrying managedFields; an object read back from the server has them.
            body = (T)((KubeObject)body with { Metadata = body.Metadata with { ManagedFields = null } });
        }

        var name = body.Metadata.Name ?? throw new ArgumentException($"Applying a {resource.Descriptor.Kind} needs metadata.name.", nameof(value));
        var ns = ObjectNamespace(resource, body.Metadata.Namespace);
        var query = new List<KeyValuePair<string, string>> { new("fieldManager", options.FieldManager) };
        if (options.Force)
        {
            query.Add(new("force", "true"));
        }

        // Apply bodies are YAML by media type; JSON is valid YAML, so the source-generated JSON is sent as is.
        var request = Request(resource, HttpMethod.Patch, "patch", ns, name, subresource, idempotent: true) with
        {
            Query = query,
            Body = JsonSerializer.SerializeToUtf8Bytes(body, resource.TypeInfo),
            ContentType = ApplyPatchMedia,
        };
        return await SendForObjectAsync(request, resource, cancellationToken);
    }

    private static byte[] ToUtf8(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
