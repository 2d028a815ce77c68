using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Apply;

/// <summary>
/// A set of field paths in the fieldsV1 vocabulary. A path is its elements (<c>f:spec</c>, <c>k:{"name":"a"}</c>,
/// <c>v:"x"</c>) joined by <see cref="Separator"/>; membership of a path is what fieldsV1 writes as <c>"."</c> or a leaf <c>{}</c>.
/// </summary>
internal sealed class FieldSet
{
    public const char Separator = '\u001f';

    private readonly HashSet<string> paths;

    public FieldSet(IEnumerable<string>? paths = null) => this.paths = new HashSet<string>(paths ?? [], StringComparer.Ordinal);

    public int Count => paths.Count;

    public IEnumerable<string> Paths => paths;

    public bool Contains(string path) => paths.Contains(path);

    /// <summary>True when the path or anything beneath it is in the set.</summary>
    public bool ContainsOrBeneath(string path) =>
        paths.Contains(path) || paths.Any(p => p.StartsWith(path + Separator, StringComparison.Ordinal));

    public void Add(string path) => paths.Add(path);

    public bool Remove(string path) => paths.Remove(path);

    public FieldSet Union(FieldSet other) => new(paths.Concat(other.paths));

    public FieldSet Except(FieldSet other) => new(paths.Where(p => !other.paths.Contains(p)));

    public bool SetEquals(FieldSet other) => paths.SetEquals(other.paths);

    public static string[] Split(string path) => path.Length == 0 ? [] : path.Split(Separator);

    public static string Child(string parent, string element) => parent.Length == 0 ? element : parent + Separator + element;

    /// <summary>Encodes as fieldsV1 JSON.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in Split(path))
            {
                if (node[element] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[element] = child;
                }

                node = child;
            }

            node["."] = new JsonObject();
        }

        Normalize(root);
        return root;
    }

    /// <summary>Decodes fieldsV1 JSON.</summary>
    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is not null)
        {
            Collect(fields, string.Empty, set);
        }

        return set;
    }

    /// <summary>The path in the notation the API uses in conflict messages: <c>.spec.containers[name="a"].image</c>.</summary>
    public static string Describe(string path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in Split(path))
        {
            var body = element[2..];
            switch (element[0])
            {
                case 'f':
                    text.Append('.').Append(body);
                    break;
                case 'k':
                    var keys = JsonNode.Parse(body)!.AsObject().Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}");
                    text.Append('[').Append(string.Join(',', keys)).Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    private static void Normalize(JsonObject node)
    {
        // A member with no children is written as a bare {} rather than {".":{}}.
        foreach (var (key, value) in node.ToList())
        {
            if (value is not JsonObject child)
            {
                continue;
            }

            Normalize(child);
            if (child.Count == 1 && child.ContainsKey("."))
            {
                child.Remove(".");
            }
        }
    }

    private static void Collect(JsonObject node, string path, FieldSet set)
    {
        foreach (var (key, value) in node)
        {
            if (key == ".")
            {
                set.Add(path);
                continue;
            }

            var child = Child(path, key);
            if (value is JsonObject o && o.Count > 0)
            {
                Collect(o, child, set);
            }
            else
            {
                set.Add(child);
            }
        }
    }
}
