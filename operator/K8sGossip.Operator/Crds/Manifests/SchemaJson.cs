using System.Text.Json.Nodes;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds.Manifests;

/// <summary>Writes a <see cref="SchemaNode"/> as the JSONSchemaProps of a CustomResourceDefinition, keys in a fixed order.</summary>
internal static class SchemaJson
{
    /// <summary>Converts one schema node and its children.</summary>
    public static JsonObject Write(SchemaNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var json = new JsonObject();
        Add(json, "description", node.Description);
        if (node.IntOrString)
        {
            json["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }

        Add(json, "type", node.Type);
        Add(json, "format", node.Format);
        if (node.Enum is not null)
        {
            json["enum"] = new JsonArray([.. node.Enum.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        if (node.Default is not null)
        {
            json["default"] = node.Default.DeepClone();
        }

        Add(json, "minimum", node.Minimum);
        Add(json, "maximum", node.Maximum);
        Add(json, "minLength", node.MinLength);
        Add(json, "maxLength", node.MaxLength);
        Add(json, "pattern", node.Pattern);
        Add(json, "minItems", node.MinItems);
        Add(json, "maxItems", node.MaxItems);
        if (node.Items is not null)
        {
            json["items"] = Write(node.Items);
        }

        if (node.Properties is not null)
        {
            var properties = new JsonObject();
            foreach (var (name, child) in node.Properties)
            {
                properties[name] = Write(child);
            }

            json["properties"] = properties;
        }

        if (node.AdditionalProperties is not null)
        {
            json["additionalProperties"] = Write(node.AdditionalProperties);
        }

        if (node.Required is not null)
        {
            json["required"] = new JsonArray([.. node.Required.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        if (node.IntOrString)
        {
            json["x-kubernetes-int-or-string"] = true;
        }

        if (node.PreserveUnknownFields)
        {
            json["x-kubernetes-preserve-unknown-fields"] = true;
        }

        if (node.ListMapKey is not null)
        {
            json["x-kubernetes-list-map-keys"] = new JsonArray(JsonValue.Create(node.ListMapKey));
            json["x-kubernetes-list-type"] = "map";
        }

        if (node.Rules is not null)
        {
            var rules = new JsonArray();
            foreach (var rule in node.Rules)
            {
                var item = new JsonObject { ["rule"] = rule.Rule, ["message"] = rule.Message };
                Add(item, "fieldPath", rule.FieldPath);
                rules.Add(item);
            }

            json["x-kubernetes-validations"] = rules;
        }

        return json;
    }

    private static void Add(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }

    private static void Add(JsonObject json, string key, long? value)
    {
        if (value is not null)
        {
            json[key] = value.Value;
        }
    }
}
