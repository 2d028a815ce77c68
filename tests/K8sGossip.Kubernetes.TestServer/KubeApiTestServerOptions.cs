using Microsoft.Extensions.Logging;

namespace K8sGossip.Kubernetes.TestServer;

/// <summary>Settings of a <see cref="KubeApiTestServer"/>.</summary>
public sealed class KubeApiTestServerOptions
{
    /// <summary>Watch events retained for resume; a watch from an older resourceVersion (or an older continue token) gets 410 Gone.</summary>
    public int WatchWindow { get; set; } = 1000;

    /// <summary>When true every request must carry <c>Authorization: Bearer &lt;Token&gt;</c>, otherwise 401.</summary>
    public bool RequireBearerToken { get; set; }

    /// <summary>The accepted bearer token; required when <see cref="RequireBearerToken"/> is set.</summary>
    public string? Token { get; set; }

    /// <summary>Clock for timestamps (creationTimestamp, deletionTimestamp, managedFields), watch timeouts, bookmarks and injected latency.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seed for uids, generateName suffixes and cluster IPs.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How often open watches that asked for bookmarks get one (the real server sends one about every minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Serve HTTPS with a self-signed certificate for 127.0.0.1 instead of plain HTTP.</summary>
    public bool UseTls { get; set; }

    /// <summary>Namespaces that exist from the start (the real API has these four).</summary>
    public IReadOnlyList<string> InitialNamespaces { get; set; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Logger factory for the server's own diagnostics; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (WatchWindow < 1)
        {
            throw new ArgumentException($"{nameof(KubeApiTestServerOptions)}.{nameof(WatchWindow)} must be at least 1 (was {WatchWindow}).");
        }

        if (RequireBearerToken && string.IsNullOrEmpty(Token))
        {
            throw new ArgumentException($"{nameof(KubeApiTestServerOptions)}.{nameof(Token)} must be set when {nameof(RequireBearerToken)} is true.");
        }

        if (BookmarkInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(KubeApiTestServerOptions)}.{nameof(BookmarkInterval)} must be positive (was {BookmarkInterval}).");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, $"{nameof(KubeApiTestServerOptions)}.{nameof(TimeProvider)}");
    }
}
