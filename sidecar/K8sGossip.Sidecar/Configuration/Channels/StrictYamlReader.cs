using K8sGossip.Sidecar.Configuration.Loading;
using YamlDotNet.RepresentationModel;

namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>Reads YAML mappings against the channel file's schema: unknown fields, missing required fields and values of the wrong shape are recorded, not thrown.</summary>
/// <param name="sourceName">The file, for locations in messages.</param>
/// <param name="errors">Where problems are recorded.</param>
internal sealed class StrictYamlReader(string sourceName, ConfigurationErrorList errors)
{
    public Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string schemaPath, string displayPath)
    {
        var allowed = ChannelFileSchema.ChildrenOf(schemaPath);
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = YamlFile.KeyName(keyNode);
            var full = displayPath.Length == 0 ? name : $"{displayPath}.{name}";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                var suggestion = KeySuggestions.Closest(name, allowed, n => n);
                var hint = suggestion is null ? $"; known fields here: {string.Join(", ", allowed)}" : $"; did you mean '{(displayPath.Length == 0 ? suggestion : $"{displayPath}.{suggestion}")}'?";
                errors.Add(full, "is not a known field" + hint, Where(keyNode));
                continue;
            }

            fields[name] = valueNode;
        }

        return fields;
    }

    /// <summary>Reads the fields of a mapping that the schema allows at <paramref name="schemaPath"/>, recording each unknown field with a suggestion.</summary>
    public string? Scalar(Dictionary<string, YamlNode> fields, string name, string display, YamlNode? parent, bool required)
    {
        if (!fields.TryGetValue(name, out var node) || IsNull(node))
        {
            if (required)
            {
                errors.Add($"{display}.{name}", "is required", parent is null ? null : Where(parent));
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return (scalar.Value ?? string.Empty).Trim();
        }

        errors.Add($"{display}.{name}", "expected a single value", Where(node));
        return null;
    }

    /// <summary>The trimmed scalar value of field <paramref name="name"/>, or null (recorded when required or not a scalar).</summary>
    public IEnumerable<(string Text, string Where)> ScalarItems(YamlNode node, string key)
    {
        if (node is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode scalar && !IsNull(scalar))
                {
                    yield return ((scalar.Value ?? string.Empty).Trim(), Where(item));
                }
                else
                {
                    errors.Add(key, "expected a list of single values", Where(item));
                }
            }
        }
        else
        {
            errors.Add(key, "expected a list", Where(node));
        }
    }

    /// <summary>The scalar items of a list, recording items that are not scalars.</summary>
    public static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && YamlFile.IsNull(scalar);

    /// <summary>Whether a node is YAML's null.</summary>
    public string Where(YamlNode node) => YamlFile.Where(sourceName, node);
}
