using System.Net;
using System.Text;
using K8sGossip.Operator.Local.Dashboard;
using K8sGossip.Operator.Local.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>The dashboard's HTTP side over a real socket: the page's files, the status API, the event stream and its defences.</summary>
public sealed class DashboardServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ScriptedNetwork _network = new();
    private static readonly HttpClient Http = new() { Timeout = Bound };
    private readonly List<DashboardServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Status_endpoint_serves_the_current_status_as_network_status_json()
    {
        var server = await StartAsync(_network.Current);
        _network.Kill("org3-1");

        using var response = await Http.GetAsync(new Uri(server.Address, "api/status"));
        var status = NetworkStatusJson.Deserialize(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_network.OrdererHeight, status.OrdererHeight);
        Assert.Equal(["org1", "org2", "org3"], status.Organizations.Select(o => o.Name));
        Assert.Equal(9, status.Organizations.Sum(o => o.Peers.Count));
        Assert.Equal(PeerStates.Dead, status.Organizations[2].Peers[1].State);
        Assert.Equal(["trade"], status.Organizations[0].Peers[0].LeaderOf);
    }

    [Fact]
    public async Task Listens_on_the_loopback_address_with_the_port_asked_for_or_a_free_one()
    {
        var server = await StartAsync(_network.Current);

        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        using var health = await Http.GetAsync(new Uri(server.Address, "healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/latency-chart.js", "text/javascript")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task Page_files_are_served_from_the_executable_with_the_security_policy(string path, string mediaType)
    {
        var server = await StartAsync(_network.Current);

        using var response = await Http.GetAsync(new Uri(server.Address, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.StartsWith("default-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Page_has_no_inline_script_and_no_reference_to_another_origin()
    {
        var server = await StartAsync(_network.Current);

        var page = await Http.GetStringAsync(new Uri(server.Address, "/"));

        Assert.Matches("<script type=\"module\" src=\"/app.js\"></script>", page);
        Assert.Equal(1, page.Split("<script", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("http://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", page);
        Assert.DoesNotContain("style=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_file_that_did_not_change_is_answered_not_modified()
    {
        var server = await StartAsync(_network.Current);
        using var first = await Http.GetAsync(new Uri(server.Address, "app.js"));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "app.js"));
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_paths_are_not_found()
    {
        var server = await StartAsync(_network.Current);

        using var response = await Http.GetAsync(new Uri(server.Address, "etc/passwd"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Event_stream_sends_a_fresh_status_each_interval_until_the_client_leaves()
    {
        ulong calls = 0;
        var server = await StartAsync(() => _network.Current() with { OrdererHeight = Interlocked.Increment(ref calls) });

        using (var cancel = new CancellationTokenSource(Bound))
        {
            using var response = await Http.GetAsync(new Uri(server.Address, "api/events"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

            var first = await ReadEventAsync(reader, cancel.Token);
            var second = await ReadEventAsync(reader, cancel.Token);

            Assert.Equal("status", first.Kind);
            Assert.Equal("status", second.Kind);
            Assert.True(NetworkStatusJson.Deserialize(second.Data).OrdererHeight > NetworkStatusJson.Deserialize(first.Data).OrdererHeight);
            Assert.Equal(1, server.Counters.OpenEventStreams);
        }

        await Eventually(() => server.Counters.OpenEventStreams == 0, "the server still holds the stream of a client that left");
    }

    [Fact]
    public async Task Disposing_the_server_ends_open_event_streams()
    {
        var server = await DashboardServer.StartAsync(_network.Current, new DashboardOptions { UpdateInterval = TimeSpan.FromMinutes(1) }, NullLoggerFactory.Instance, CancellationToken.None);
        using var cancel = new CancellationTokenSource(Bound);
        using var response = await Http.GetAsync(new Uri(server.Address, "api/events"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        Assert.Equal("status", (await ReadEventAsync(reader, cancel.Token)).Kind);

        await server.DisposeAsync();

        Assert.Equal(string.Empty, await reader.ReadToEndAsync(cancel.Token));
        Assert.Equal(0, server.Counters.OpenEventStreams);
    }

    [Fact]
    public async Task Event_streams_beyond_the_limit_are_refused_so_pages_poll_instead()
    {
        var server = await StartAsync(_network.Current, maxEventStreams: 1);
        using var cancel = new CancellationTokenSource(Bound);
        using var held = await Http.GetAsync(new Uri(server.Address, "api/events"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        using var refused = await Http.GetAsync(new Uri(server.Address, "api/events"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("/api/status", await refused.Content.ReadAsStringAsync(cancel.Token), StringComparison.Ordinal);
        Assert.Equal(1, server.Counters.RefusedEventStreams);
    }

    [Fact]
    public async Task Requests_addressed_to_another_host_are_refused()
    {
        var server = await StartAsync(_network.Current);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "api/status"));
        request.Headers.Host = "dashboard.attacker.example";

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("127.0.0.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, server.Counters.ForeignHostRequests);

        using var local = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "healthz"));
        local.Headers.Host = $"localhost:{server.Address.Port}";
        using var accepted = await Http.SendAsync(local);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_failing_status_source_is_answered_unavailable_and_counted_without_stopping_the_server()
    {
        var failing = true;
        var server = await StartAsync(() => failing ? throw new InvalidOperationException("observer not started") : _network.Current());

        using var unavailable = await Http.GetAsync(new Uri(server.Address, "api/status"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Contains("not available", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, server.Counters.StatusFailures);

        failing = false;
        using var recovered = await Http.GetAsync(new Uri(server.Address, "api/status"));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Network_endpoint_names_the_network_and_its_state_directory()
    {
        var server = await StartAsync(_network.Current, networkName: "three-orgs", stateDirectory: "/tmp/state \"x\"");

        var body = await Http.GetStringAsync(new Uri(server.Address, "api/network"));

        Assert.Equal("{\"name\":\"three-orgs\",\"stateDirectory\":\"/tmp/state \\u0022x\\u0022\"}", body);
    }

    [Theory]
    [InlineData(-1, "--dashboard-port")]
    [InlineData(65536, "--dashboard-port")]
    public async Task A_port_out_of_range_is_refused_with_a_message_naming_the_setting(int port, string setting)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => DashboardServer.StartAsync(_network.Current, port, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_with_the_socket_error()
    {
        var first = await StartAsync(_network.Current);

        await Assert.ThrowsAnyAsync<IOException>(() => DashboardServer.StartAsync(_network.Current, first.Address.Port, NullLoggerFactory.Instance, CancellationToken.None));
    }

    private async Task<DashboardServer> StartAsync(Func<NetworkStatus> current, int maxEventStreams = 32, string? networkName = null, string? stateDirectory = null)
    {
        var options = new DashboardOptions
        {
            UpdateInterval = TimeSpan.FromMilliseconds(100),
            MaxEventStreams = maxEventStreams,
            NetworkName = networkName,
            StateDirectory = stateDirectory,
        };
        var server = await DashboardServer.StartAsync(current, options, NullLoggerFactory.Instance, CancellationToken.None);
        _servers.Add(server);
        return server;
    }

    private static async Task<(string Kind, string Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? kind = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (kind is not null)
                {
                    return (kind, data.ToString());
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : string.Empty).Append(line["data: ".Length..]);
            }
        }

        throw new EndOfStreamException("The event stream ended before a whole event arrived.");
    }

    private static async Task Eventually(Func<bool> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
