using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Tests;

/// <summary>Raw HTTP against the test server: no client library in between, so tests see exactly what the wire carries.</summary>
internal sealed class ApiClient(KubeApiTestServer server) : IDisposable
{
    private readonly HttpClient http = server.CreateHttpClient();

    public HttpClient Http => http;

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendTextAsync(HttpMethod method, string path, string text, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(text, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, JsonObject Body)> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body);

    public Task<(HttpStatusCode Status, JsonObject Body)> DeleteAsync(string path, JsonNode? options = null) => SendAsync(HttpMethod.Delete, path, options);

    public Task<(HttpStatusCode Status, JsonObject Body)> MergePatchAsync(string path, JsonNode patch) =>
        SendAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json");

    public Task<(HttpStatusCode Status, JsonObject Body)> ApplyAsync(string path, string manager, JsonNode config, bool force = false) =>
        SendAsync(HttpMethod.Patch, $"{path}?fieldManager={manager}{(force ? "&force=true" : string.Empty)}", config, "application/apply-patch+yaml");

    /// <summary>Creates and asserts 201.</summary>
    public async Task<JsonObject> CreateAsync(string collectionPath, JsonObject obj)
    {
        var (status, body) = await PostAsync(collectionPath, obj);
        Assert.True(status == HttpStatusCode.Created, $"create returned {(int)status}: {body.ToJsonString()}");
        return body;
    }

    public void Dispose() => http.Dispose();

    public static string Rv(JsonObject obj) => (string)obj["metadata"]!["resourceVersion"]!;

    public static long RvNumber(JsonObject obj) => long.Parse(Rv(obj), System.Globalization.CultureInfo.InvariantCulture);
}
