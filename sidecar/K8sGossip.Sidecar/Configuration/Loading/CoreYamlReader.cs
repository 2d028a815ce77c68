using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Values;
using YamlDotNet.RepresentationModel;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Reads a core.yaml mapping into raw values per key, rejecting unknown keys (with a suggestion), keys set twice and values of the wrong shape.</summary>
internal static class CoreYamlReader
{
    /// <summary>Adds every key set in <paramref name="root"/> to <paramref name="values"/>.</summary>
    public static void Read(YamlMappingNode root, string sourceName, Dictionary<ConfigKey, RawValue> values, ConfigurationErrorList errors)
    {
        var firstSeen = new Dictionary<ConfigKey, string>();
        Walk(root, prefix: string.Empty, sourceName, values, firstSeen, errors);
    }

    private static void Walk(
        YamlMappingNode mapping,
        string prefix,
        string sourceName,
        Dictionary<ConfigKey, RawValue> values,
        Dictionary<ConfigKey, string> firstSeen,
        ConfigurationErrorList errors)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var path = prefix + YamlFile.KeyName(keyNode);
            var where = YamlFile.Where(sourceName, keyNode);
            var key = ConfigKeyRegistry.FindByPath(path);
            if (key is not null)
            {
                ReadValue(key, path, valueNode, where, values, firstSeen, errors);
            }
            else if (ConfigKeyRegistry.IsSection(path))
            {
                switch (valueNode)
                {
                    case YamlMappingNode section:
                        Walk(section, path + ".", sourceName, values, firstSeen, errors);
                        break;
                    case YamlScalarNode scalar when YamlFile.IsNull(scalar):
                        break;
                    default:
                        errors.Add(path, "is a section; expected a mapping of its keys, such as " + ExampleKeys(path), where);
                        break;
                }
            }
            else
            {
                errors.Add(path, "is not a known key" + KeySuggestions.ForPath(path), where);
            }
        }
    }

    private static void ReadValue(
        ConfigKey key,
        string writtenPath,
        YamlNode node,
        string where,
        Dictionary<ConfigKey, RawValue> values,
        Dictionary<ConfigKey, string> firstSeen,
        ConfigurationErrorList errors)
    {
        RawValue? raw;
        switch (node)
        {
            case YamlScalarNode scalar when YamlFile.IsNull(scalar):
                raw = null;
                break;
            case YamlScalarNode scalar:
                raw = RawValue.Scalar(scalar.Value ?? string.Empty, where);
                break;
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                raw = RawValue.Sequence([.. sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty)], where);
                break;
            default:
                errors.Add(key.Path, $"expected {key.ExpectedForm}, found a {(node is YamlMappingNode ? "mapping" : "nested list")}", where);
                return;
        }

        if (firstSeen.TryGetValue(key, out var earlier))
        {
            errors.Add(key.Path, $"is set twice ('{writtenPath}' at {where}, and at {earlier}); keys are compared without regard to case, as in Fabric", where);
            return;
        }

        firstSeen[key] = where;
        if (raw is not null)
        {
            values[key] = raw;
        }
    }

    private static string ExampleKeys(string section) =>
        string.Join(", ", ConfigKeyRegistry.All
            .Where(k => k.Path.StartsWith(section + ".", StringComparison.OrdinalIgnoreCase))
            .Take(3)
            .Select(k => k.Path[(section.Length + 1)..]));
}
