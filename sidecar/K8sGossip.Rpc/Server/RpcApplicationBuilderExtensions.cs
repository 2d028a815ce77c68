using K8sGossip.Rpc.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Rpc.Server;

/// <summary>Serves registered RPC methods from an existing ASP.NET Core application.</summary>
public static class RpcApplicationBuilderExtensions
{
    /// <summary>
    /// Handles every request whose content type is <c>application/grpc</c> with <paramref name="services"/>; other
    /// requests continue down the pipeline. The endpoint must speak HTTP/2.
    /// </summary>
    public static IApplicationBuilder UseRpc(this IApplicationBuilder app, RpcServiceRegistry services, RpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        options ??= new RpcServerOptions();
        options.Validate();
        var loggerFactory = app.ApplicationServices.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var processor = new RpcRequestProcessor(services, options, loggerFactory.CreateLogger("K8sGossip.Rpc.Server"));
        return app.Use(next => httpContext => GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType)
            ? processor.ProcessAsync(httpContext)
            : next(httpContext));
    }
}
