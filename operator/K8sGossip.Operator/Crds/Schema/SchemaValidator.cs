using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Validates and defaults a JSON document against a structural schema, as the API server does for a custom resource.</summary>
/// <remarks>
/// In place, like the API server: null values of declared fields are pruned, absent fields with a default get it
/// (and the defaults inside it), then every value is checked. Undeclared fields are errors, matching
/// <c>kubectl apply</c>'s strict field validation. CEL rules are not evaluated here; the planner checks their meaning.
/// </remarks>
internal static class SchemaValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private static readonly JsonSerializerOptions ValueFormat = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The API server validates metadata itself; a CRD schema may not constrain it, so this lives here only.
    private static readonly SchemaNode Metadata = new()
    {
        Type = "object",
        PreserveUnknownFields = true,
        Properties =
        [
            new("name", new SchemaNode { Type = "string", MaxLength = 253 }),
            new("namespace", new SchemaNode { Type = "string", MaxLength = 63 }),
            new("labels", new SchemaNode { Type = "object", AdditionalProperties = new SchemaNode { Type = "string" } }),
            new("annotations", new SchemaNode { Type = "object", AdditionalProperties = new SchemaNode { Type = "string" } }),
        ],
    };

    /// <summary>Prunes, defaults and validates <paramref name="document"/> in place; returns every error found.</summary>
    public static IReadOnlyList<FieldError> Normalize(JsonObject document, SchemaNode schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<FieldError>();
        VisitObject(document, schema, "", errors, isRoot: true);
        return errors;
    }

    /// <summary>Renders a value the way field errors show it: JSON text, shortened when long.</summary>
    public static string Render(JsonNode? value)
    {
        var text = value is null ? "null" : value.ToJsonString(ValueFormat);
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    private static void Visit(JsonNode? node, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (schema.IntOrString)
        {
            VisitIntOrString(node, schema, path, errors);
            return;
        }

        switch (schema.Type)
        {
            case "object":
                if (node is JsonObject map)
                {
                    VisitObject(map, schema, path, errors, isRoot: false);
                }
                else
                {
                    errors.Add(TypeMismatch(node, "object", path));
                }

                break;
            case "array":
                if (node is JsonArray list)
                {
                    VisitArray(list, schema, path, errors);
                }
                else
                {
                    errors.Add(TypeMismatch(node, "array", path));
                }

                break;
            case "string":
                VisitString(node, schema, path, errors);
                break;
            case "integer":
                VisitInteger(node, schema, path, errors);
                break;
            case "number":
                if (Kind(node) != JsonValueKind.Number)
                {
                    errors.Add(TypeMismatch(node, "number", path));
                }

                break;
            case "boolean":
                if (Kind(node) is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(TypeMismatch(node, "boolean", path));
                }

                break;
            default:
                break;
        }
    }

    private static void VisitObject(JsonObject map, SchemaNode schema, string path, List<FieldError> errors, bool isRoot)
    {
        foreach (var key in map.Where(p => p.Value is null && schema.Property(p.Key) is not null).Select(p => p.Key).ToList())
        {
            map.Remove(key);
        }

        foreach (var (name, child) in schema.Properties ?? [])
        {
            if (child.Default is not null && !map.ContainsKey(name))
            {
                map[name] = child.Default.DeepClone();
            }
        }

        foreach (var (key, value) in map.ToList())
        {
            var childPath = Join(path, key);
            if (isRoot && key == "metadata")
            {
                Visit(value, Metadata, childPath, errors);
            }
            else if (schema.Property(key) is { } declared)
            {
                Visit(value, declared, childPath, errors);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Visit(value, values, $"{path}[{key}]", errors);
            }
            else if (!schema.PreserveUnknownFields)
            {
                errors.Add(new FieldError(childPath, FieldErrorType.UnknownField, null, $"\"{key}\" is not a field of this object; check its spelling and indentation"));
            }
        }

        foreach (var name in schema.Required ?? [])
        {
            if (!map.ContainsKey(name))
            {
                errors.Add(new FieldError(Join(path, name), FieldErrorType.Required, null, ""));
            }
        }
    }

    private static void VisitArray(JsonArray list, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (schema.MinItems is { } min && list.Count < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, list.Count.ToString(CultureInfo.InvariantCulture), $"must have at least {min} item{(min == 1 ? "" : "s")}"));
        }

        if (schema.MaxItems is { } max && list.Count > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, list.Count.ToString(CultureInfo.InvariantCulture), $"must have at most {max} items"));
        }

        if (schema.Items is null)
        {
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            Visit(list[i], schema.Items, itemPath, errors);
            if (schema.ListMapKey is { } key && list[i] is JsonObject item && item[key] is { } keyValue && !keys.Add(keyValue.ToJsonString()))
            {
                errors.Add(new FieldError(Join(itemPath, key), FieldErrorType.Duplicate, Render(keyValue), ""));
            }
        }
    }

    private static void VisitString(JsonNode? node, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (Kind(node) != JsonValueKind.String)
        {
            errors.Add(TypeMismatch(node, "string", path));
            return;
        }

        var text = node!.GetValue<string>();
        if (schema.Enum is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            errors.Add(new FieldError(path, FieldErrorType.NotSupported, Render(node), "supported values: " + string.Join(", ", allowed.Select(a => $"\"{a}\""))));
            return;
        }

        CheckString(text, node, schema, path, errors);
    }

    private static void CheckString(string text, JsonNode node, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (schema.MinLength is { } min && text.Length < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), $"must be at least {min} character{(min == 1 ? "" : "s")} long"));
        }

        if (schema.MaxLength is { } max && text.Length > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), $"must be at most {max} characters long"));
        }

        if (schema.Pattern is { } pattern && !Matches(pattern, text))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), $"should match '{pattern}'"));
        }
    }

    private static void VisitInteger(JsonNode? node, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (!TryInteger(node, out var number))
        {
            errors.Add(TypeMismatch(node, "integer", path));
            return;
        }

        if (schema.Format == "int32" && number is < int.MinValue or > int.MaxValue)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), "must fit in a 32-bit integer"));
        }

        if (schema.Minimum is { } min && number < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), $"must be greater than or equal to {min}"));
        }

        if (schema.Maximum is { } max && number > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), $"must be less than or equal to {max}"));
        }
    }

    private static void VisitIntOrString(JsonNode? node, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (Kind(node) == JsonValueKind.String)
        {
            CheckString(node!.GetValue<string>(), node, schema, path, errors);
        }
        else if (!TryInteger(node, out var number) || number is < int.MinValue or > int.MaxValue)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, Render(node), "must be an integer or a string"));
        }
    }

    private static bool TryInteger(JsonNode? node, out long number)
    {
        number = 0;
        return Kind(node) == JsonValueKind.Number
            && long.TryParse(node!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static FieldError TypeMismatch(JsonNode? node, string expected, string path)
    {
        var actual = Kind(node) switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        return new FieldError(path, FieldErrorType.Invalid, Render(node), $"must be of type {expected}, not {actual}");
    }

    private static bool Matches(string pattern, string text)
    {
        var regex = Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, PatternTimeout));
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
