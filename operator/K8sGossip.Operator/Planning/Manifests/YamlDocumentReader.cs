using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace K8sGossip.Operator.Planning.Manifests;

/// <summary>Reads multi-document YAML into JSON trees, resolving plain scalars by the YAML 1.2 core schema and recording positions.</summary>
/// <remarks>
/// Duplicate keys, non-scalar keys and unknown aliases are rejected rather than silently resolved, since the same
/// file must mean the same thing to kubectl and to the local planner.
/// </remarks>
internal static partial class YamlDocumentReader
{
    private const int MaxDepth = 64;

    // Aliases copy what they name, so a few lines can expand enormously; a document may hold at most this many values.
    private const int MaxValues = 100_000;

    /// <summary>Reads every document of <paramref name="text"/>; throws <see cref="ManifestSyntaxException"/> at the first problem.</summary>
    public static IReadOnlyList<ParsedDocument> Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var documents = new List<ParsedDocument>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var state = new ReadState(file);
                var location = state.At(start.Start);
                JsonNode? root = null;
                if (!parser.Accept<DocumentEnd>(out _))
                {
                    root = ReadNode(parser, "", state, 0);
                }

                parser.Consume<DocumentEnd>();
                state.Locations[""] = location;
                documents.Add(new ParsedDocument(root, location, state.Locations));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            throw new ManifestSyntaxException($"malformed YAML: {Describe(e)}", new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column));
        }

        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, string path, ReadState state, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ManifestSyntaxException($"nesting deeper than {MaxDepth} levels", state.At(parser.Current!.Start));
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new ManifestSyntaxException($"unknown alias *{alias.Value.Value}", state.At(alias.Start));
            }

            state.Count(CountValues(target), alias.Start);
            return target?.DeepClone();
        }

        state.Count(1, parser.Current!.Start);
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = Resolve(scalar);
            Remember(state, scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (!parser.TryConsume<Scalar>(out var key))
                {
                    throw new ManifestSyntaxException("mapping keys must be plain strings", state.At(parser.Current!.Start));
                }

                var childPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                if (map.ContainsKey(key.Value))
                {
                    throw new ManifestSyntaxException($"duplicate key \"{key.Value}\"", state.At(key.Start));
                }

                var location = state.At(key.Start);
                state.Locations[childPath] = location;
                state.Locations[$"{path}[{key.Value}]"] = location;
                map[key.Value] = ReadNode(parser, childPath, state, depth + 1);
            }

            Remember(state, mappingStart.Anchor, map);
            return map;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var list = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var itemPath = $"{path}[{list.Count}]";
                state.Locations[itemPath] = state.At(parser.Current!.Start);
                list.Add(ReadNode(parser, itemPath, state, depth + 1));
            }

            Remember(state, sequenceStart.Anchor, list);
            return list;
        }

        throw new ManifestSyntaxException("unexpected YAML event", state.At(parser.Current!.Start));
    }

    private static int CountValues(JsonNode? node) => node switch
    {
        JsonObject map => 1 + map.Sum(p => CountValues(p.Value)),
        JsonArray list => 1 + list.Sum(CountValues),
        _ => 1,
    };

    private static void Remember(ReadState state, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty)
        {
            state.Anchors[anchor.Value] = value;
        }
    }

    // YAML 1.2 core schema for plain scalars; quoted and block scalars, and explicit !!str, are strings.
    private static JsonValue? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value.EndsWith(":str", StringComparison.Ordinal)))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            default:
                break;
        }

        if (IntegerPattern().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? JsonValue.Create(whole)
                : JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (FloatPattern().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes messages with the position, which the location already carries.
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && marker > 0 ? message[(marker + 3)..] : message;
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    private sealed class ReadState(string file)
    {
        public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, JsonNode?> Anchors { get; } = new(StringComparer.Ordinal);

        private int values;

        public SourceLocation At(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

        public void Count(int added, Mark mark)
        {
            values += added;
            if (values > MaxValues)
            {
                throw new ManifestSyntaxException($"the document holds more than {MaxValues} values (aliases count each copy)", At(mark));
            }
        }
    }
}
