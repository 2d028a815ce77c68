using K8sGossip.Sidecar.Configuration.Keys;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Finds the key a user probably meant when they wrote an unknown one: a known synonym, the same name in another section, or the closest key by edit distance.</summary>
internal static class KeySuggestions
{
    /// <summary>A "did you mean" phrase for an unknown key path, or empty when nothing is close.</summary>
    public static string ForPath(string unknownPath)
    {
        foreach (var (fabricKey, reason) in ConfigKeyRegistry.UnsupportedFabricKeys)
        {
            if (string.Equals(unknownPath, fabricKey, StringComparison.OrdinalIgnoreCase) ||
                unknownPath.StartsWith(fabricKey + ".", StringComparison.OrdinalIgnoreCase))
            {
                return $"; K8sGossip does not use this Fabric setting: {reason}";
            }
        }

        if (ConfigKeyRegistry.Synonyms.TryGetValue(unknownPath, out var synonym))
        {
            return $"; did you mean '{synonym}' (the same setting under its Fabric or K8sGossip name)?";
        }

        var leaf = Leaf(unknownPath);
        var sameLeaf = ConfigKeyRegistry.All.Where(k => string.Equals(Leaf(k.Path), leaf, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameLeaf.Count == 1)
        {
            return $"; did you mean '{sameLeaf[0].Path}'?";
        }

        var candidates = ConfigKeyRegistry.All.Select(k => k.Path)
            .Concat(ConfigKeyRegistry.All.SelectMany(k => SectionsOf(k.Path)))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var best = Closest(unknownPath, candidates, p => p);
        return best is null ? string.Empty : $"; did you mean '{best}'?";
    }

    /// <summary>A "did you mean" phrase for an unknown environment variable, or empty when nothing is close.</summary>
    public static string ForEnvironmentVariable(string name)
    {
        foreach (var (fabricKey, reason) in ConfigKeyRegistry.UnsupportedFabricKeys)
        {
            var variable = ConfigKey.EnvironmentVariableFor(fabricKey);
            if (name == variable || name.StartsWith(variable + "_", StringComparison.Ordinal))
            {
                return $" ({fabricKey}); K8sGossip does not use this Fabric setting: {reason}";
            }
        }

        var best = Closest(name, ConfigKeyRegistry.All, k => k.EnvironmentVariable);
        return best is null ? string.Empty : $"; did you mean {best.EnvironmentVariable} ({best.Path})?";
    }

    /// <summary>The closest candidate within a distance that still looks like a typo (a third of the name, at least 2).</summary>
    public static T? Closest<T>(string input, IEnumerable<T> candidates, Func<T, string> name)
        where T : class
    {
        T? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(input.ToUpperInvariant(), name(candidate).ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(2, Leaf(input).Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Levenshtein distance (insertions, deletions and substitutions).</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Leaf(string path)
    {
        var separator = path.LastIndexOfAny(['.', '_']);
        return separator < 0 ? path : path[(separator + 1)..];
    }

    private static IEnumerable<string> SectionsOf(string path)
    {
        for (var i = path.IndexOf('.', StringComparison.Ordinal); i > 0; i = path.IndexOf('.', i + 1))
        {
            yield return path[..i];
        }
    }
}
