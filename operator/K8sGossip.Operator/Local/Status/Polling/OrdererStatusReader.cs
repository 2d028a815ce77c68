using System.Net;
using System.Text.Json;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Status;

/// <summary>Reads the orderer's admin <c>/status</c> (HTTP/1.1 JSON) for its height per channel, with a short timeout.</summary>
internal sealed class OrdererStatusReader : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _address;
    private readonly TimeProvider _time;
    private readonly ObserverDiagnostics _diagnostics;

    /// <summary>Creates a reader of the admin endpoint <paramref name="adminEndpoint"/>.</summary>
    public OrdererStatusReader(Endpoint adminEndpoint, TimeProvider time, TimeSpan connectTimeout, ObserverDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(adminEndpoint);
        _address = new Uri($"http://{adminEndpoint}/status");
        _time = time;
        _diagnostics = diagnostics;
        _http = new HttpClient(
            new SocketsHttpHandler
            {
                ConnectTimeout = connectTimeout,
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            },
            disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Reads the status within <paramref name="timeout"/>; an orderer that fails or answers nonsense is <see cref="OrdererReading.Silent"/>. Never throws but for cancellation.</summary>
    public async Task<OrdererReading> ReadAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        string body;
        try
        {
            using var response = await _http.GetAsync(_address, linked.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _diagnostics.OrdererFailed(_address.Authority, $"HTTP {(int)response.StatusCode}", Shorten(body));
                return OrdererReading.Silent;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _diagnostics.OrdererFailed(_address.Authority, "Timeout", $"no answer within {timeout.TotalMilliseconds:0} ms");
            return OrdererReading.Silent;
        }
        catch (HttpRequestException e)
        {
            _diagnostics.OrdererFailed(_address.Authority, e.HttpRequestError.ToString(), e.Message);
            return OrdererReading.Silent;
        }

        return Parse(body);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _http.Dispose();

    private OrdererReading Parse(string body)
    {
        AdminStatusReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(body, AdminStatusJsonContext.Default.AdminStatusReply);
        }
        catch (JsonException e)
        {
            _diagnostics.OrdererMalformed(_address.Authority, e.Message);
            return OrdererReading.Silent;
        }

        if (reply is null || reply.Role != "orderer")
        {
            _diagnostics.OrdererMalformed(_address.Authority, $"the role is '{reply?.Role}', not 'orderer'");
            return OrdererReading.Silent;
        }

        var heights = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var channel in reply.Channels)
        {
            heights[channel.Name] = channel.Height;
        }

        _diagnostics.OrdererAnswered();
        return new OrdererReading(true, heights);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : string.Concat(text.AsSpan(0, 200), "…");
}
