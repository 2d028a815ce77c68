using System.Globalization;
using System.Text;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>YAML scalars for the generated sidecar files: strings double-quoted, so paths and names never change meaning.</summary>
internal static class YamlText
{
    /// <summary>A double-quoted YAML string.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>A flow sequence of quoted strings.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    /// <summary>A YAML boolean.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A YAML integer.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
