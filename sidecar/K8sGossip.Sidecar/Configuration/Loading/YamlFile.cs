using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Loads a YAML configuration file's single document as a mapping, turning syntax problems into configuration errors.</summary>
internal static class YamlFile
{
    /// <summary>The root mapping of <paramref name="text"/>; null (with an error recorded) when the text is not one YAML mapping. An empty file is an empty mapping.</summary>
    public static YamlMappingNode? LoadMapping(string text, string sourceName, ConfigurationErrorList errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(sourceName, $"is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return new YamlMappingNode();
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(sourceName, $"holds {stream.Documents.Count} YAML documents; expected one");
            return null;
        }

        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode mapping:
                return mapping;
            case YamlScalarNode scalar when IsNull(scalar):
                return new YamlMappingNode();
            default:
                errors.Add(sourceName, "must be a YAML mapping of keys to values");
                return null;
        }
    }

    /// <summary>Whether a scalar is YAML's null (empty, <c>~</c> or <c>null</c>, unquoted).</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain &&
        (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    /// <summary>Describes where a node is, e.g. <c>core.yaml line 12</c>.</summary>
    public static string Where(string sourceName, YamlNode node) => $"{Path.GetFileName(sourceName)} line {node.Start.Line}";

    /// <summary>The name of a mapping key node (a scalar).</summary>
    public static string KeyName(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : key.ToString();

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
