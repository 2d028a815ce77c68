using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Every key's parsed value, with where it came from (file, environment or profile) and whether it failed to parse.</summary>
internal sealed class ResolvedValues
{
    private readonly Dictionary<ConfigKey, Entry> entries = [];

    /// <summary>Creates an empty set for <paramref name="profile"/>.</summary>
    public ResolvedValues(ConfigurationProfile profile)
    {
        Profile = profile;
    }

    /// <summary>The profile whose defaults were applied.</summary>
    public ConfigurationProfile Profile { get; }

    /// <summary>Records a parsed value.</summary>
    public void SetValid(ConfigKey key, object? value, RawValue raw) => entries[key] = new Entry(value, raw, Failed: false);

    /// <summary>Records a key that is missing or failed to parse (its error is already recorded).</summary>
    public void SetFailed(ConfigKey key, RawValue? raw) => entries[key] = new Entry(null, raw, Failed: true);

    /// <summary>The parsed value of a key that is valid.</summary>
    public T Get<T>(ConfigKey<T> key)
    {
        var entry = entries[key];
        if (entry.Failed)
        {
            throw new InvalidOperationException($"{key.Path} has no valid value.");
        }

        return (T)entry.Value!;
    }

    /// <summary>Whether every key parsed, so rules over them are meaningful.</summary>
    public bool AreValid(params ConfigKey[] keys) => keys.All(k => entries.TryGetValue(k, out var e) && !e.Failed);

    /// <summary>Whether the user set the key (in the file or the environment) rather than the profile.</summary>
    public bool IsExplicit(ConfigKey key) => entries.TryGetValue(key, out var e) && e.Raw is { IsExplicit: true };

    /// <summary>The key, its value and where it came from, for messages, e.g. <c>peer.gossip.pullInterval = 2s (core.yaml line 9)</c>.</summary>
    public string Show(ConfigKey key)
    {
        var entry = entries[key];
        var value = entry.Failed ? entry.Raw?.Text ?? string.Empty : key.Format(entry.Value);
        return $"{key.Path} = {(value.Length == 0 ? "(empty)" : value)} ({entry.Raw?.Source ?? "not set"})";
    }

    private sealed record Entry(object? Value, RawValue? Raw, bool Failed);
}
