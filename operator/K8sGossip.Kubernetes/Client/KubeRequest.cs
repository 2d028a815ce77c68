using K8sGossip.Kubernetes.Errors;

namespace K8sGossip.Kubernetes.Client;

/// <summary>One API call before it becomes an HTTP message: enough to send, retry, and explain a failure.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The URL path under the server address.</param>
/// <param name="Rbac">What RBAC must allow; used in Forbidden messages.</param>
/// <param name="Target">The addressed object or collection, for messages.</param>
/// <param name="Idempotent">Whether a 5xx may be retried without risk of doing the work twice.</param>
internal sealed record KubeRequest(HttpMethod Method, string Path, RbacRequirement Rbac, string Target, bool Idempotent)
{
    /// <summary>Query parameters, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>The body bytes, when any.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The body's media type.</summary>
    public string? ContentType { get; init; }

    /// <summary>A long-lived streaming request: no per-request timeout, headers returned before the body.</summary>
    public bool IsWatch { get; init; }

    /// <summary>"verb resource target", for messages.</summary>
    public string Describe() => $"{Rbac.Verb} {Target}";

    /// <summary>The path with its query string.</summary>
    public string PathAndQuery()
    {
        if (Query.Count == 0)
        {
            return Path;
        }

        return Path + "?" + string.Join("&", Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
