using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>Source-generated JSON for the dashboard's own small documents (camelCase, nulls kept).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardNetworkInfo))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
