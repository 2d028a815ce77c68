using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Local.Status;

/// <summary>Source-generated parsing of admin <c>/status</c> replies; fields the observer does not need are ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AdminStatusReply))]
internal sealed partial class AdminStatusJsonContext : JsonSerializerContext;
