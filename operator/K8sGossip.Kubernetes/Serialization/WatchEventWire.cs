using System.Text.Json;

namespace K8sGossip.Kubernetes.Serialization;

/// <summary>One line of a watch stream as sent by the server, before the object is typed.</summary>
/// <param name="Type"><c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>, <c>BOOKMARK</c> or <c>ERROR</c>.</param>
/// <param name="Object">The object, or a Status for <c>ERROR</c>.</param>
public sealed record WatchEventWire(string? Type, JsonElement Object);
