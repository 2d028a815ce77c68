using System.Net.Http.Headers;

namespace K8sGossip.Rpc.Client;

/// <summary>The parts of a running client call that every call shape exposes.</summary>
internal interface IClientCallState : IDisposable
{
    Task<HttpResponseHeaders> ResponseHeadersAsync();

    RpcStatus GetStatus();

    HttpResponseHeaders? GetTrailers();
}
