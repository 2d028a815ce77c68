using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Derives the structural OpenAPI schema of a custom resource from its C# types and their attributes.</summary>
/// <remarks>
/// Conventions: <see cref="RequiredAttribute"/> marks required fields; on a list, <see cref="MinLengthAttribute"/> and
/// <see cref="MaxLengthAttribute"/> bound the item count while <see cref="RangeAttribute"/> and
/// <see cref="RegularExpressionAttribute"/> constrain the items; <see cref="IntOrString"/> is a resource quantity.
/// </remarks>
internal static class SchemaGenerator
{
    /// <summary>The schema of a whole custom resource object (apiVersion, kind, metadata, spec, status).</summary>
    public static SchemaNode ForResource(Type resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var spec = resourceType.GetProperty("Spec") ?? throw new ArgumentException($"{resourceType.Name} has no Spec property.", nameof(resourceType));
        var status = resourceType.GetProperty("Status") ?? throw new ArgumentException($"{resourceType.Name} has no Status property.", nameof(resourceType));
        return new SchemaNode
        {
            Type = "object",
            Description = resourceType.GetCustomAttribute<DescriptionAttribute>()?.Description,
            Properties =
            [
                new("apiVersion", new SchemaNode
                {
                    Type = "string",
                    Description = "Versioned schema of this representation of an object.",
                }),
                new("kind", new SchemaNode
                {
                    Type = "string",
                    Description = "The REST resource this object represents.",
                }),
                new("metadata", new SchemaNode { Type = "object" }),
                new("spec", ForType(spec.PropertyType) with { Description = "Desired state, written by users." }),
                new("status", ForType(status.PropertyType) with { Description = "Observed state, written by the operator." }),
            ],
            Required = ["spec"],
        };
    }

    /// <summary>The schema of one C# type used in a resource.</summary>
    public static SchemaNode ForType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new SchemaNode { Type = "string" };
        }

        if (type == typeof(int))
        {
            return new SchemaNode { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new SchemaNode { Type = "integer", Format = "int64" };
        }

        if (type == typeof(bool))
        {
            return new SchemaNode { Type = "boolean" };
        }

        if (type == typeof(double))
        {
            return new SchemaNode { Type = "number", Format = "double" };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new SchemaNode { Type = "string", Format = "date-time" };
        }

        if (type == typeof(IntOrString))
        {
            return new SchemaNode { IntOrString = true, Pattern = SchemaPatterns.Quantity };
        }

        if (type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return new SchemaNode { Type = "object", PreserveUnknownFields = true };
        }

        if (type.IsEnum)
        {
            return new SchemaNode { Type = "string", Enum = EnumValues(type) };
        }

        if (type == typeof(Condition))
        {
            return ConditionSchema.Create();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return new SchemaNode { Type = "array", Items = ForType(type.GetGenericArguments()[0]) };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            if (type.GetGenericArguments()[0] != typeof(string))
            {
                throw new NotSupportedException($"Map keys must be strings ({type}).");
            }

            return new SchemaNode { Type = "object", AdditionalProperties = ForType(type.GetGenericArguments()[1]) };
        }

        if (type.IsClass)
        {
            return ForObject(type);
        }

        throw new NotSupportedException($"No schema mapping for {type}.");
    }

    /// <summary>The JSON values of an enum: its <see cref="JsonStringEnumMemberNameAttribute"/> names in declaration order.</summary>
    public static IReadOnlyList<string> EnumValues(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)];
    }

    /// <summary>The JSON name of a property under the API's camelCase convention.</summary>
    public static string JsonName(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
    }

    /// <summary>The serialized properties of a type, in declaration order.</summary>
    public static IEnumerable<PropertyInfo> SerializedProperties(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null
                && p.GetIndexParameters().Length == 0
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .OrderBy(p => p.MetadataToken);
    }

    private static SchemaNode ForObject(Type type)
    {
        var properties = new List<KeyValuePair<string, SchemaNode>>();
        var required = new List<string>();
        foreach (var property in SerializedProperties(type))
        {
            var name = JsonName(property);
            properties.Add(new(name, ForProperty(property)));
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        var rules = type.GetCustomAttributes<ValidationRuleAttribute>().OrderBy(r => r.Order).ToList();
        return new SchemaNode
        {
            Type = "object",
            Properties = properties,
            Required = required.Count > 0 ? required : null,
            PreserveUnknownFields = type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null,
            Rules = rules.Count > 0 ? rules : null,
        };
    }

    private static SchemaNode ForProperty(PropertyInfo property)
    {
        var node = ForType(property.PropertyType);
        var isArray = node.Type == "array";
        var items = node.Items;
        if (property.GetCustomAttribute<DescriptionAttribute>() is { } description)
        {
            node = node with { Description = description.Description };
        }

        if (property.GetCustomAttribute<DefaultValueAttribute>() is { Value: { } value })
        {
            node = node with { Default = DefaultNode(value) };
        }

        if (property.GetCustomAttribute<DefaultObjectAttribute>() is not null)
        {
            node = node with { Default = new JsonObject() };
        }

        if (property.GetCustomAttribute<SchemaFormatAttribute>() is { } format)
        {
            node = node with { Format = format.Format };
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            node = node with { PreserveUnknownFields = true };
        }

        if (property.GetCustomAttribute<ListMapKeyAttribute>() is { } listMapKey)
        {
            node = node with { ListMapKey = listMapKey.Key };
        }

        var rules = property.GetCustomAttributes<ValidationRuleAttribute>().OrderBy(r => r.Order).ToList();
        if (rules.Count > 0)
        {
            node = node with { Rules = rules };
        }

        var minLength = property.GetCustomAttribute<MinLengthAttribute>()?.Length;
        var maxLength = property.GetCustomAttribute<MaxLengthAttribute>()?.Length;
        node = isArray
            ? node with { MinItems = minLength, MaxItems = maxLength }
            : node with { MinLength = minLength, MaxLength = maxLength };

        var range = property.GetCustomAttribute<RangeAttribute>();
        var pattern = property.GetCustomAttribute<RegularExpressionAttribute>()?.Pattern;
        if (isArray && items is not null)
        {
            items = Constrain(items, range, pattern);
            node = node with { Items = items };
        }
        else
        {
            node = Constrain(node, range, pattern);
        }

        return node;
    }

    private static SchemaNode Constrain(SchemaNode node, RangeAttribute? range, string? pattern)
    {
        if (range is not null)
        {
            node = node with
            {
                Minimum = Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture),
                Maximum = Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        if (pattern is not null)
        {
            node = node with { Pattern = pattern };
        }

        return node;
    }

    private static JsonValue DefaultNode(object value) => value switch
    {
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        string text => JsonValue.Create(text),
        Enum member => JsonValue.Create(EnumValues(member.GetType())[Array.IndexOf(Enum.GetValues(member.GetType()), member)]),
        _ => throw new NotSupportedException($"No JSON default for {value.GetType()}."),
    };
}
