namespace K8sGossip.Kubernetes.TestServer;

/// <summary>A request the server answered, for assertions on what a client sent.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? ContentType, string? UserAgent, int StatusCode);
