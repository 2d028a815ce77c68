using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Http;

/// <summary>A resource URL taken apart: /api/v1/namespaces/ns/configmaps/name/status, /apis/g/v/plural, legacy /watch/ paths.</summary>
internal sealed record ApiPath(ResourceType Type, string Version, string? Namespace, string? Name, string Subresource, bool LegacyWatch)
{
    /// <summary>Parses a resource path; null for paths that are not resource paths (discovery and the like).</summary>
    public static ApiPath? Parse(string path, ResourceRegistry registry)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = (string.Empty, segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        var watch = false;
        if (parts.Length > 0 && parts[0] == "watch")
        {
            watch = true;
            parts = parts[1..];
        }

        if (parts.Length == 0)
        {
            return null;
        }

        string? ns = null;
        if (parts[0] == "namespaces" && parts.Length >= 3 && registry.Find(group, version, parts[2]) is { Namespaced: true })
        {
            ns = parts[1];
            parts = parts[2..];
        }

        var type = registry.Find(group, version, parts[0])
            ?? throw ApiErrors.NotFoundRaw("the server could not find the requested resource");
        if (parts.Length > 3 || (ns is not null && !type.Namespaced))
        {
            throw ApiErrors.NotFoundRaw("the server could not find the requested resource");
        }

        var name = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        var subresource = parts.Length > 2 ? parts[2] : string.Empty;
        if (subresource.Length > 0 && !type.Subresources.Contains(subresource))
        {
            throw ApiErrors.NotFoundRaw("the server could not find the requested resource");
        }

        return new ApiPath(type, version, ns, name, subresource, watch);
    }
}
