using System.Text;
using K8sGossip.Sidecar.Configuration.Keys;

namespace K8sGossip.Sidecar.Configuration.Documentation;

/// <summary>Generates the example <c>core.yaml</c> from the key registry: every key, with its description as a comment and its <c>default</c>-profile value (or an example for required keys).</summary>
internal static class CoreYamlExample
{
    /// <summary>The repository-relative path of the generated example.</summary>
    public const string RelativePath = "sidecar/K8sGossip.Sidecar/Configuration/core.yaml.example";

    private const int CommentWidth = 100;

    /// <summary>The whole file.</summary>
    public static string Generate()
    {
        var root = new Section(string.Empty);
        foreach (var key in ConfigKeyRegistry.All)
        {
            var section = root;
            var segments = key.Path.Split('.');
            foreach (var segment in segments[..^1])
            {
                section = section.Child(segment);
            }

            section.Add(segments[^1], key);
        }

        var yaml = new StringBuilder();
        yaml.Append("# K8sGossip sidecar configuration: every key, in Fabric's core.yaml layout.\n");
        yaml.Append("# Generated from the key registry (see docs/configuration.md); values are the `default` profile's,\n");
        yaml.Append("# or examples for required keys. Environment variables (CORE_PEER_*, K8SGOSSIP_*) override this file.\n");
        Write(yaml, root, indent: 0);
        return yaml.ToString();
    }

    private static void Write(StringBuilder yaml, Section section, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var item in section.Order)
        {
            if (item is Section child)
            {
                yaml.Append('\n').Append(pad).Append(child.Name).Append(":\n");
                Write(yaml, child, indent + 2);
                continue;
            }

            var (name, key) = section.Entries.First(e => ReferenceEquals(e.Key, item));
            foreach (var line in Wrap(key.Description, CommentWidth - indent - 2))
            {
                yaml.Append(pad).Append("# ").Append(line).Append('\n');
            }

            yaml.Append(pad).Append(name).Append(": ").Append(Value(key)).Append('\n');
        }
    }

    private static string Value(ConfigKey key)
    {
        var text = key.Defaults.Example ?? key.Defaults.Tuned ?? string.Empty;
        if (key.IsList)
        {
            var items = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
            return "[" + string.Join(", ", items) + "]";
        }

        return text.Length == 0 ? "\"\"" : text;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Replace("`", string.Empty, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private sealed class Section(string name)
    {
        public string Name { get; } = name;

        public List<(string Name, ConfigKey Key)> Entries { get; } = [];

        public List<object> Order { get; } = [];

        private Dictionary<string, Section> Children { get; } = new(StringComparer.Ordinal);

        public Section Child(string childName)
        {
            if (!Children.TryGetValue(childName, out var child))
            {
                child = new Section(childName);
                Children[childName] = child;
                Order.Add(child);
            }

            return child;
        }

        public void Add(string entryName, ConfigKey key)
        {
            Entries.Add((entryName, key));
            Order.Add(key);
        }
    }
}
