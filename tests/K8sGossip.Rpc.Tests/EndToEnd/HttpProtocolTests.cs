using System.Net;
using System.Net.Http.Headers;
using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Server;
using K8sGossip.Rpc.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace K8sGossip.Rpc.Tests.EndToEnd;

/// <summary>Raw HTTP/2 requests against our server, and our client against non-gRPC HTTP/2 responses.</summary>
public sealed class HttpProtocolTests : IClassFixture<EchoServerFixture>
{
    private readonly EchoServerFixture _fixture;

    public HttpProtocolTests(EchoServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Non_POST_request_gets_HTTP_405()
    {
        using var client = CreateHttp2Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("/k8sgossip.interop.v1.Echo/Unary")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Non_gRPC_content_type_gets_HTTP_415()
    {
        using var client = CreateHttp2Client();

        using var response = await client.SendAsync(Post("/k8sgossip.interop.v1.Echo/Unary", [], "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_path_gets_a_trailers_only_UNIMPLEMENTED_response()
    {
        using var client = CreateHttp2Client();

        using var response = await client.SendAsync(Post("/no.Such/Method", [0, 0, 0, 0, 0]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", Header(response.Headers, "grpc-status"));
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unsupported_message_encoding_is_UNIMPLEMENTED_and_advertises_identity()
    {
        using var client = CreateHttp2Client();
        var request = Post("/k8sgossip.interop.v1.Echo/Unary", [0, 0, 0, 0, 0]);
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal("12", Header(response.Headers, "grpc-status"));
        Assert.Equal("identity", Header(response.Headers, "grpc-accept-encoding"));
    }

    [Fact]
    public async Task Malformed_timeout_header_is_INTERNAL()
    {
        using var client = CreateHttp2Client();
        var request = Post("/k8sgossip.interop.v1.Echo/Unary", [0, 0, 0, 0, 0]);
        request.Headers.TryAddWithoutValidation("grpc-timeout", "soon");

        using var response = await client.SendAsync(request);

        Assert.Equal("13", Header(response.Headers, "grpc-status"));
    }

    [Fact]
    public async Task Compressed_message_is_INTERNAL()
    {
        using var client = CreateHttp2Client();

        using var response = await client.SendAsync(Post("/k8sgossip.interop.v1.Echo/Unary", [1, 0, 0, 0, 1, 0x0A]));
        await response.Content.ReadAsByteArrayAsync();

        string? status = Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status");
        Assert.Equal("13", status);
    }

    [Fact]
    public async Task Non_gRPC_HTTP_error_maps_to_the_specified_status_code()
    {
        await using var app = await StartAppAsync(app => app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }));
        using var channel = new RpcChannel(new Uri(app.Urls.First()));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("x")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task UseRpc_serves_gRPC_and_passes_other_requests_down_the_pipeline()
    {
        var registry = new EchoService().CreateRegistry();
        await using var app = await StartAppAsync(app =>
        {
            app.UseRpc(registry);
            app.Run(context => context.Response.WriteAsync("plain"));
        });
        using var channel = new RpcChannel(new Uri(app.Urls.First()));
        using var client = CreateHttp2Client();

        var reply = await channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("through middleware"));
        string plain = await client.GetStringAsync(new Uri(new Uri(app.Urls.First()), "/health"));

        Assert.Equal("through middleware", reply.Text);
        Assert.Equal("plain", plain);
    }

    private static async Task<WebApplication> StartAppAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return app;
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{_fixture.Server.LocalEndPoint.Port}{path}");

    private HttpRequestMessage Post(string path, byte[] body, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = content, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    private static HttpClient CreateHttp2Client() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(15),
    };

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
