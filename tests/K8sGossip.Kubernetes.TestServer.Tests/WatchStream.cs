using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Tests;

/// <summary>An open watch read line by line, each read bounded so a missing event fails the test instead of hanging it.</summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private WatchStream(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public System.Net.HttpStatusCode Status => response.StatusCode;

    public static async Task<WatchStream> OpenAsync(HttpClient http, string pathAndQuery)
    {
        var response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
        return new WatchStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var line = await reader.ReadLineAsync(timeout.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public async Task<(string Type, string Name)> NextSummaryAsync()
    {
        var e = await NextAsync() ?? throw new InvalidOperationException("the watch ended");
        return ((string)e["type"]!, (string?)e["object"]!["metadata"]!["name"] ?? string.Empty);
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
