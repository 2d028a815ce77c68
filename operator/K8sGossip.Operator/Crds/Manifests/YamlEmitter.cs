using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace K8sGossip.Operator.Crds.Manifests;

/// <summary>Writes a JSON tree as block-style YAML that passes yamllint's default rules and reads back to the same tree.</summary>
/// <remarks>
/// Output is deterministic (key order is the tree's order), so generated manifests can be compared byte for byte.
/// Strings longer than the line width are folded at single spaces, or put alone on a line when they have none.
/// </remarks>
internal static partial class YamlEmitter
{
    private const int Width = 80;
    private const int Indent = 2;

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    /// <summary>Writes one YAML document, starting with <c>---</c> and ending with a newline.</summary>
    public static string Write(JsonNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var lines = new List<string> { "---" };
        switch (root)
        {
            case JsonObject map when map.Count > 0:
                WriteMapping(map, 0, lines);
                break;
            case JsonArray list when list.Count > 0:
                WriteSequence(list, 0, lines);
                break;
            default:
                lines.Add(Inline(root));
                break;
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static void WriteMapping(JsonObject map, int indent, List<string> lines)
    {
        var pad = new string(' ', indent);
        foreach (var (key, value) in map)
        {
            var head = pad + Key(key) + ":";
            switch (value)
            {
                case JsonObject child when child.Count > 0:
                    lines.Add(head);
                    WriteMapping(child, indent + Indent, lines);
                    break;
                case JsonArray child when child.Count > 0:
                    lines.Add(head);
                    WriteSequence(child, indent + Indent, lines);
                    break;
                default:
                    WriteScalar(head, value, indent + Indent, lines);
                    break;
            }
        }
    }

    private static void WriteSequence(JsonArray list, int indent, List<string> lines)
    {
        var pad = new string(' ', indent);
        foreach (var item in list)
        {
            switch (item)
            {
                case JsonObject child when child.Count > 0:
                    var start = lines.Count;
                    WriteMapping(child, indent + Indent, lines);
                    lines[start] = pad + "- " + lines[start][(indent + Indent)..];
                    break;
                case JsonArray child when child.Count > 0:
                    lines.Add(pad + "-");
                    WriteSequence(child, indent + Indent, lines);
                    break;
                default:
                    WriteScalar(pad + "-", item, indent + Indent, lines);
                    break;
            }
        }
    }

    private static void WriteScalar(string head, JsonNode? value, int contentIndent, List<string> lines)
    {
        var inline = Inline(value);
        if (head.Length + 1 + inline.Length <= Width || value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            lines.Add(head + " " + inline);
            return;
        }

        var raw = text.GetValue<string>();
        if (!Foldable(raw))
        {
            lines.Add(head + " " + inline);
            return;
        }

        lines.Add(head + " >-");
        var pad = new string(' ', contentIndent);
        var line = new StringBuilder();
        foreach (var word in raw.Split(' '))
        {
            if (line.Length > 0 && pad.Length + line.Length + 1 + word.Length > Width)
            {
                lines.Add(pad + line);
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(pad + line);
    }

    // A folded block scalar reads back as the words joined by single spaces, which holds only for such text.
    private static bool Foldable(string text) =>
        text.Length > 0
        && !text.StartsWith(' ')
        && !text.EndsWith(' ')
        && !text.Contains("  ", StringComparison.Ordinal)
        && !text.Any(c => char.IsControl(c) || c == '\u00a0');

    private static string Key(string key) => PlainSafe(key) ? key : Quote(key);

    private static string Inline(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => StringScalar(scalar.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => scalar.ToJsonString(),
            _ => "null",
        },
        _ => throw new ArgumentException($"Unsupported node {value.GetType()}.", nameof(value)),
    };

    private static string StringScalar(string text) => PlainSafe(text) ? text : Quote(text);

    private static bool PlainSafe(string text) =>
        PlainPattern().IsMatch(text)
        && !text.EndsWith(' ')
        && !ReservedWords.Contains(text)
        && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Quote(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        var escaped = new StringBuilder("\"");
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }

    // Letters first (or a dot then a letter, for JSONPaths), then characters with no YAML meaning in a plain scalar.
    [GeneratedRegex("^(\\.?[A-Za-z])[A-Za-z0-9_./()=,+ -]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();
}
