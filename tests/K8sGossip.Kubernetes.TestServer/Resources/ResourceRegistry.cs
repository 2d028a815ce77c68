namespace K8sGossip.Kubernetes.TestServer.Resources;

/// <summary>The set of served resources; built-ins at start, custom resources added by registration or by CRD creation.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, ResourceType> byKey = new(StringComparer.Ordinal);

    public ResourceRegistry()
    {
        foreach (var type in BuiltInResources.All())
        {
            byKey[type.Key] = type;
        }
    }

    public void Register(ResourceType type)
    {
        lock (sync)
        {
            byKey[type.Key] = type;
        }
    }

    public void Unregister(string group, string plural)
    {
        lock (sync)
        {
            byKey.Remove(group + "/" + plural);
        }
    }

    public IReadOnlyList<ResourceType> All()
    {
        lock (sync)
        {
            return [.. byKey.Values];
        }
    }

    public ResourceType? ByKey(string key)
    {
        lock (sync)
        {
            return byKey.GetValueOrDefault(key);
        }
    }

    /// <summary>Finds the resource served at group/version under its plural name.</summary>
    public ResourceType? Find(string group, string version, string plural)
    {
        lock (sync)
        {
            return byKey.TryGetValue(group + "/" + plural, out var type) && type.Versions.Contains(version) ? type : null;
        }
    }

    /// <summary>Finds by apiVersion and either kind (any case), plural, singular or short name.</summary>
    public ResourceType? Resolve(string apiVersion, string kindOrPlural)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        lock (sync)
        {
            return byKey.Values.FirstOrDefault(t => t.Group == group && t.Versions.Contains(version) &&
                (string.Equals(t.Kind, kindOrPlural, StringComparison.OrdinalIgnoreCase) || t.Plural == kindOrPlural ||
                 t.Singular == kindOrPlural || t.ShortNames.Contains(kindOrPlural)));
        }
    }

    public IReadOnlyList<string> Groups()
    {
        lock (sync)
        {
            return [.. byKey.Values.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct().Order(StringComparer.Ordinal)];
        }
    }
}
