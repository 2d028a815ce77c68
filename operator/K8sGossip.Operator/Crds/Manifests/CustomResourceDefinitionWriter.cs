using System.Reflection;
using System.Text.Json.Nodes;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds.Manifests;

/// <summary>Builds the apiextensions.k8s.io/v1 CustomResourceDefinition of a custom resource type as a JSON tree.</summary>
internal static class CustomResourceDefinitionWriter
{
    /// <summary>Builds the definition of <paramref name="resourceType"/>.</summary>
    public static JsonObject Build(Type resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var resource = resourceType.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new ArgumentException($"{resourceType.Name} is not marked [CustomResource].", nameof(resourceType));
        var names = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["listKind"] = resource.Kind + "List",
            ["plural"] = resource.Plural,
            ["singular"] = resource.Kind.ToLowerInvariant(),
        };
        if (resource.ShortName is not null)
        {
            names["shortNames"] = new JsonArray(JsonValue.Create(resource.ShortName));
        }

        names["categories"] = new JsonArray(JsonValue.Create(GossipApi.Category));

        var version = new JsonObject
        {
            ["name"] = GossipApi.Version,
            ["served"] = true,
            ["storage"] = true,
            ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
            ["additionalPrinterColumns"] = PrinterColumns(resourceType),
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = SchemaJson.Write(SchemaGenerator.ForResource(resourceType)) },
        };

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{resource.Plural}.{GossipApi.Group}",
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "k8sgossip" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = GossipApi.Group,
                ["names"] = names,
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    private static JsonArray PrinterColumns(Type resourceType)
    {
        var columns = new JsonArray();
        foreach (var column in resourceType.GetCustomAttributes<PrinterColumnAttribute>().OrderBy(c => c.Order))
        {
            var json = new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["jsonPath"] = column.JsonPath,
            };
            if (column.Description is not null)
            {
                json["description"] = column.Description;
            }

            if (column.Priority != 0)
            {
                json["priority"] = column.Priority;
            }

            columns.Add(json);
        }

        return columns;
    }
}
