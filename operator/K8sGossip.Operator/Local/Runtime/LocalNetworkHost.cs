using System.Net.Sockets;
using K8sGossip.Operator.Local.Dashboard;
using K8sGossip.Operator.Local.Load;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Planning;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>A running local network: its materialized files, the supervised processes, the observer, the dashboard, the
/// transaction stream and the run file that lets <c>status</c> and <c>down</c> find it.</summary>
internal sealed partial class LocalNetworkHost : IAsyncDisposable
{
    private static readonly TimeSpan OrdererStartTimeout = TimeSpan.FromSeconds(30);

    private readonly NetworkSupervisor _supervisor;
    private readonly NetworkObserver _observer;
    private readonly TransactionSubmitter _submitter;
    private readonly ILogger _logger;
    private readonly Lock _runFileGate = new();
    private readonly DateTimeOffset _startedAt;
    private DashboardServer? _dashboard;
    private int _stopped;

    private LocalNetworkHost(MaterializedNetwork network, NetworkSupervisor supervisor, NetworkObserver observer, TransactionSubmitter submitter, DateTimeOffset startedAt, ILogger logger)
    {
        Network = network;
        _supervisor = supervisor;
        _observer = observer;
        _submitter = submitter;
        _startedAt = startedAt;
        _logger = logger;
    }

    /// <summary>The network's files.</summary>
    public MaterializedNetwork Network { get; }

    /// <summary>The node processes.</summary>
    public NetworkSupervisor Supervisor => _supervisor;

    /// <summary>The latest observation.</summary>
    public NetworkStatus Current => _observer.Current;

    /// <summary>The dashboard's address.</summary>
    public Uri? Dashboard => _dashboard?.Address;

    /// <summary>The transaction stream's counts.</summary>
    public LoadCounters Load => _submitter.Counters;

    /// <summary>Raised after every observation.</summary>
    public event Action<NetworkStatus>? Updated;

    /// <summary>Materializes <paramref name="plan"/>, starts every node, the observer, the dashboard and the transaction stream, and writes the run file.</summary>
    public static async Task<LocalNetworkHost> StartAsync(NetworkPlan plan, string sidecarDll, UpSettings settings, TimeProvider time, ILoggerFactory loggers, Action<NodeProcessEvent>? nodeEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var network = new NetworkMaterializer(time).Materialize(plan);
        var supervisor = new NetworkSupervisor(network, sidecarDll, time, loggers);
        var observer = new NetworkObserver(plan, supervisor, time, loggers);
        var submitter = new TransactionSubmitter(
            plan.Orderer!.Endpoint,
            [.. plan.Channels.Select(c => c.Name)],
            network.Client.CertificateFile,
            network.Client.KeyFile,
            network.Client.TrustedCaFile,
            settings.Load,
            time,
            loggers);
        var host = new LocalNetworkHost(network, supervisor, observer, submitter, time.GetUtcNow(), loggers.CreateLogger<LocalNetworkHost>());
        try
        {
            if (nodeEvents is not null)
            {
                supervisor.NodeEvent += nodeEvents;
            }

            supervisor.Changed += host.WriteRunFile;
            observer.Updated += status => host.Updated?.Invoke(status);
            host.WriteRunFile();
            await supervisor.StartAsync(ct => WaitForAdminAsync(plan.Orderer.AdminEndpoint, OrdererStartTimeout, time, ct), cancellationToken).ConfigureAwait(false);
            host._dashboard = await StartDashboardAsync(() => observer.Current, settings.DashboardPort, loggers, host._logger, cancellationToken).ConfigureAwait(false);
            host.WriteRunFile();
            await observer.StartAsync(cancellationToken).ConfigureAwait(false);
            submitter.Start(CancellationToken.None);
            Log.Running(host._logger, network.Nodes.Count, host._dashboard.Address);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the transaction stream, the dashboard, the observer and every node (cleanly), and removes the run file.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _submitter.StopAsync().ConfigureAwait(false);
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync().ConfigureAwait(false);
        }

        await _observer.DisposeAsync().ConfigureAwait(false);
        _supervisor.Changed -= WriteRunFile;
        await _supervisor.StopAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_runFileGate)
        {
            File.Delete(Network.Layout.RunFile);
        }

        Log.Stopped(_logger, Load.Accepted, Load.Failed);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _submitter.DisposeAsync().ConfigureAwait(false);
        await _supervisor.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until the admin endpoint answers <c>/healthz</c>, at most <paramref name="timeout"/>; a node that does not
    /// answer by then is left to its supervisor, and the network starts anyway.</summary>
    private static async Task WaitForAdminAsync(Endpoint admin, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var uri = new Uri($"http://{admin}/healthz");
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < timeout)
        {
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DashboardServer> StartDashboardAsync(Func<NetworkStatus> current, int port, ILoggerFactory loggers, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await DashboardServer.StartAsync(current, port, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (port != 0)
        {
            // Another program (or another network) holds the port: a dashboard elsewhere beats no network.
            Log.DashboardPortTaken(logger, port, e.Message);
            return await DashboardServer.StartAsync(current, 0, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (port != 0)
        {
            Log.DashboardPortTaken(logger, port, e.Message);
            return await DashboardServer.StartAsync(current, 0, loggers, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteRunFile()
    {
        if (Volatile.Read(ref _stopped) == 1)
        {
            return;
        }

        lock (_runFileGate)
        {
            try
            {
                _supervisor.RunFile(_startedAt, _dashboard?.Address.ToString()).Write(Network.Layout.RunFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.RunFileFailed(_logger, Network.Layout.RunFile, e.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "The network runs: {Nodes} nodes; dashboard at {Dashboard}")]
        public static partial void Running(ILogger logger, int nodes, Uri dashboard);

        [LoggerMessage(2, LogLevel.Information, "The network stopped; {Accepted} transactions accepted, {Failed} failed")]
        public static partial void Stopped(ILogger logger, long accepted, long failed);

        [LoggerMessage(3, LogLevel.Warning, "The dashboard port {Port} is taken ({Reason}); using a free port instead")]
        public static partial void DashboardPortTaken(ILogger logger, int port, string reason);

        [LoggerMessage(4, LogLevel.Error, "The run file {File} could not be written: {Reason}")]
        public static partial void RunFileFailed(ILogger logger, string file, string reason);
    }
}
