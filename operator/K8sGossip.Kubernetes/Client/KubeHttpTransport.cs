using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Diagnostics;
using K8sGossip.Kubernetes.Errors;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Kubernetes.Client;

/// <summary>Sends API requests over one pooled <see cref="SocketsHttpHandler"/>: TLS, authentication, timeouts, retries, error mapping.</summary>
internal sealed partial class KubeHttpTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly KubeClientConfig _config;
    private readonly KubeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public KubeHttpTransport(KubeClientConfig config, KubeClientOptions options, TimeProvider time, ILogger logger)
    {
        _config = config;
        _options = options;
        _time = time;
        _logger = logger;
        _http = new HttpClient(CreateHandler(config, options), disposeHandler: true)
        {
            BaseAddress = config.Server,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri Server => _config.Server;

    /// <summary>Sends <paramref name="request"/>, retrying throttling and (for idempotent calls) server errors; returns only successes.</summary>
    /// <exception cref="KubeApiException">A typed error for the server's answer, a timeout, or an unreachable server.</exception>
    public async Task<HttpResponseMessage> SendAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = request.IsWatch ? null : new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout?.Token ?? CancellationToken.None);
            HttpResponseMessage response;
            byte[] body;
            try
            {
                using var message = BuildMessage(request);
                response = await _http.SendAsync(
                    message,
                    request.IsWatch ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                    linked.Token);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    body = await response.Content.ReadAsByteArrayAsync(linked.Token);
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout?.IsCancellationRequested == true)
            {
                CountFailure(request, "Timeout");
                throw new KubeRequestTimeoutException($"{request.Describe()} got no answer from {_config.Server} within {_options.RequestTimeout.TotalSeconds:0.###} s.", ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                CountFailure(request, "Unreachable");
                throw new KubeUnreachableException($"Cannot reach the Kubernetes API at {_config.Server}: no connection within {_options.ConnectTimeout.TotalSeconds:0.###} s ({request.Describe()}).", ex);
            }
            catch (HttpRequestException ex)
            {
                CountFailure(request, "Unreachable");
                throw new KubeUnreachableException($"Cannot reach the Kubernetes API at {_config.Server}: {Innermost(ex)} ({request.Describe()}).", ex);
            }

            var status = KubeErrorMapper.ParseStatus(body);
            var retryAfter = RetryAfter(response, status);
            var error = KubeErrorMapper.Map(request, response.StatusCode, status, body, retryAfter);
            // A 429 means the server did not process the request, so any verb may be retried; a 5xx may come after
            // the work was done, so only verbs that are safe to repeat (everything but create) are retried.
            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests
                || ((int)response.StatusCode >= 500 && request.Idempotent);
            if (!retryable || attempt >= _options.MaxRetries)
            {
                CountFailure(request, error.Reason ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                throw error;
            }

            KubernetesMetrics.RequestRetries.Add(1, new KeyValuePair<string, object?>("verb", request.Rbac.Verb), new KeyValuePair<string, object?>("resource", request.Rbac.Resource));

            var delay = RetryDelay(attempt, retryAfter);
            Log.Retrying(_logger, request.Describe(), (int)response.StatusCode, attempt + 1, _options.MaxRetries, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler CreateHandler(KubeClientConfig config, KubeClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };

        if (config.Server.Scheme != Uri.UriSchemeHttps)
        {
            return handler;
        }

        var ssl = new SslClientAuthenticationOptions();
        if (config.InsecureSkipTlsVerify)
        {
#pragma warning disable CA5359 // Only reachable when the caller explicitly opted in to insecure-skip-tls-verify.
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (config.CertificateAuthorities is { Count: > 0 } roots)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            ssl.CertificateChainPolicy = policy;
        }

        if (config.ClientCertificate is { } clientCertificate)
        {
            ssl.ClientCertificates = [clientCertificate];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        handler.SslOptions = ssl;
        return handler;
    }

    private static void CountFailure(KubeRequest request, string reason) =>
        KubernetesMetrics.RequestFailures.Add(
            1,
            new KeyValuePair<string, object?>("verb", request.Rbac.Verb),
            new KeyValuePair<string, object?>("resource", request.Rbac.Resource),
            new KeyValuePair<string, object?>("reason", reason));

    private static string Innermost(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, ex) ? ex.Message : $"{ex.Message} {inner.Message}";
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, Models.KubeStatus? status)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (status?.Details?.RetryAfterSeconds is { } seconds and > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private HttpRequestMessage BuildMessage(KubeRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.PathAndQuery());
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
        }

        if (_config.Token is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetToken());
        }

        return message;
    }

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            return requested > _options.RetryMaxDelay ? _options.RetryMaxDelay : requested;
        }

        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));

        // Up to 20 % jitter so many clients throttled together do not retry in lockstep.
        var jittered = exponential * (1 + (RandomNumberGenerator.GetInt32(0, 1000) / 5000.0));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.RetryMaxDelay.TotalMilliseconds));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Kubernetes API answered {StatusCode} to {Request}; retry {Attempt}/{MaxRetries} in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string request, int statusCode, int attempt, int maxRetries, double delayMs);
    }
}
