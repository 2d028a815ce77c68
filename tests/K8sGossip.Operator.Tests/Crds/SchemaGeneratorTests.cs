using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Manifests;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Tests.Crds;

/// <summary>The schema says what the C# types say: defaults, enum values and the fields serialized.</summary>
public sealed class SchemaGeneratorTests
{
    [Fact]
    public void Every_schema_default_equals_the_initial_value_of_the_csharp_property()
    {
        var checkedProperties = 0;
        foreach (var type in ReachableTypes())
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var property in SchemaGenerator.SerializedProperties(type))
            {
                var declared = SchemaGenerator.ForType(type).Property(SchemaGenerator.JsonName(property))!;
                var schemaDefault = SchemaJson.Write(ForProperty(type, property)).TryGetPropertyValue("default", out var value) ? value : null;
                if (schemaDefault is null)
                {
                    continue;
                }

                var initial = JsonSerializer.SerializeToNode(property.GetValue(instance), property.PropertyType, Json);
                var expected = schemaDefault is JsonObject { Count: 0 } ? JsonSerializer.SerializeToNode(Activator.CreateInstance(property.PropertyType), property.PropertyType, Json) : schemaDefault;
                Assert.True(JsonNode.DeepEquals(expected, initial), $"{type.Name}.{property.Name}: schema default {schemaDefault.ToJsonString()}, C# initial value {initial?.ToJsonString()} ({declared.Type})");
                checkedProperties++;
            }
        }

        Assert.True(checkedProperties >= 7, $"only {checkedProperties} defaults checked");
    }

    [Fact]
    public void Enum_schemas_list_the_json_names_the_serializer_writes()
    {
        foreach (var type in new[] { typeof(ElectionMode), typeof(DisseminationMode), typeof(ExternalEndpointType), typeof(ImagePullPolicy) })
        {
            var written = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type).Trim('"'));
            Assert.Equal(written, SchemaGenerator.EnumValues(type));
        }
    }

    [Fact]
    public void Object_schemas_declare_exactly_the_properties_the_serializer_writes()
    {
        foreach (var type in ReachableTypes())
        {
            var schema = SchemaGenerator.ForType(type);
            var written = JsonSerializer.SerializeToNode(Activator.CreateInstance(type), type, AllFields)!.AsObject().Select(p => p.Key);
            Assert.Equal(written.Order(StringComparer.Ordinal), schema.Properties!.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Required_members_of_the_csharp_types_are_required_in_the_schema()
    {
        foreach (var type in ReachableTypes())
        {
            var requiredMembers = type.GetProperties().Where(p => p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null).Select(SchemaGenerator.JsonName);
            Assert.Equal(requiredMembers.Order(StringComparer.Ordinal), (SchemaGenerator.ForType(type).Required ?? []).Order(StringComparer.Ordinal));
        }
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static readonly JsonSerializerOptions AllFields = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static SchemaNode ForProperty(Type type, PropertyInfo property) =>
        SchemaGenerator.ForType(type).Property(SchemaGenerator.JsonName(property))!;

    // The spec and status types of every kind, and the object types nested in them.
    private static List<Type> ReachableTypes()
    {
        var found = new List<Type>();
        var pending = new Queue<Type>(CrdManifests.ResourceTypes.SelectMany(t => new[] { t.GetProperty("Spec")!.PropertyType, t.GetProperty("Status")!.PropertyType }));
        while (pending.TryDequeue(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Enqueue(argument);
                }

                continue;
            }

            if (!type.IsClass || type == typeof(string) || type == typeof(Condition) || found.Contains(type))
            {
                continue;
            }

            found.Add(type);
            foreach (var property in SchemaGenerator.SerializedProperties(type))
            {
                pending.Enqueue(property.PropertyType);
            }
        }

        return found;
    }
}
