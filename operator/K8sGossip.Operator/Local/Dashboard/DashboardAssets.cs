using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>The page's files, embedded in the executable so the dashboard needs nothing beside it.</summary>
internal sealed class DashboardAssets
{
    /// <summary>The manifest name prefix of files under <c>Local/Dashboard/wwwroot/</c>.</summary>
    internal const string ResourcePrefix = "K8sGossip.Operator.Local.Dashboard.wwwroot.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardAsset> _byPath;

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> byPath) => _byPath = byPath;

    /// <summary>Every served path.</summary>
    public IEnumerable<string> Paths => _byPath.Keys;

    /// <summary>Reads the embedded files of <paramref name="assembly"/>; the page (<c>index.html</c>) must be among them.</summary>
    public static DashboardAssets Load(Assembly assembly)
    {
        var byPath = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = name[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(fileName), out var contentType))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded dashboard file {name} cannot be read.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
            var path = "/" + fileName;
            byPath[path] = new DashboardAsset(path, content, contentType, etag);
        }

        if (!byPath.TryGetValue("/index.html", out var page))
        {
            throw new InvalidOperationException($"The dashboard page is not embedded in {assembly.GetName().Name} (no resource {ResourcePrefix}index.html).");
        }

        byPath["/"] = page with { Path = "/" };
        return new DashboardAssets(byPath.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file served at <paramref name="path"/>, if any.</summary>
    public bool TryGet(string path, out DashboardAsset asset) => _byPath.TryGetValue(path, out asset!);
}
