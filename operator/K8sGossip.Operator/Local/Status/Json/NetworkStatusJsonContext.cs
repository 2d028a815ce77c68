using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Local.Status;

/// <summary>Source-generated serialization of <see cref="NetworkStatus"/>: camelCase, strict about required fields and nulls.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    WriteIndented = true)]
[JsonSerializable(typeof(NetworkStatus))]
internal sealed partial class NetworkStatusJsonContext : JsonSerializerContext;
