using System.Diagnostics;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.LeaderElection;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.LeaderElection;

/// <summary>Three candidates compete for one Lease on a real API test server, each through its own cuttable TCP path.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class LeaseElectionTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TestLogger<LeaseLeaderElector> _log = new();
    private readonly List<Candidate> _candidates = [];
    private readonly CancellationTokenSource _samplerStop = new();
    private KubeApiTestServer _server = null!;
    private KubeApiClient _observer = null!;
    private Task _sampler = Task.CompletedTask;
    private int _maxSimultaneousLeaders;

    public async Task InitializeAsync()
    {
        _server = await KubeApiTestServer.StartAsync();
        _observer = TestApi.Client(_server);
    }

    public async Task DisposeAsync()
    {
        await _samplerStop.CancelAsync();
        await _sampler;
        foreach (var candidate in _candidates)
        {
            await candidate.DisposeAsync();
        }

        _observer.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _samplerStop.Dispose();

    private sealed class Candidate : IAsyncDisposable
    {
        public required string Name { get; init; }

        public required TcpProxy Proxy { get; init; }

        public required KubeApiClient Client { get; init; }

        public required LeaseLeaderElector Elector { get; init; }

        public required CancellationTokenSource Stop { get; init; }

        public Task Run { get; set; } = Task.CompletedTask;

        public TimeSpan? StoppedAt { get; set; }

        public bool? StoppedBecauseLost { get; set; }

        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
            Elector.Dispose();
            Client.Dispose();
            await Proxy.DisposeAsync();
            Stop.Dispose();
        }
    }

    private void StartCandidates(bool releaseOnCancel)
    {
        for (var i = 0; i < 3; i++)
        {
            var proxy = new TcpProxy(_server.BaseAddress.Port);
            var client = TestApi.ClientVia(proxy.Port, TestApi.FastOptions() with { RequestTimeout = TimeSpan.FromSeconds(5) });
            var elector = new LeaseLeaderElector(client, new LeaderElectionOptions
            {
                Identity = $"candidate-{i}",
                LeaseName = "gossip-leader",
                LeaseNamespace = "default",
                LeaseDuration = LeaseDuration,
                RenewDeadline = RenewDeadline,
                RetryPeriod = RetryPeriod,
                ReleaseOnCancel = releaseOnCancel,
            }, logger: _log);
            var candidate = new Candidate { Name = $"candidate-{i}", Proxy = proxy, Client = client, Elector = elector, Stop = new CancellationTokenSource() };
            elector.StoppedLeading += (_, e) =>
            {
                candidate.StoppedAt = _clock.Elapsed;
                candidate.StoppedBecauseLost = e.Lost;
            };
            candidate.Run = elector.RunAsync(candidate.Stop.Token);
            _candidates.Add(candidate);
        }

        _sampler = Task.Run(async () =>
        {
            while (!_samplerStop.IsCancellationRequested)
            {
                var leaders = _candidates.Count(c => c.Elector.IsLeader);
                if (leaders > _maxSimultaneousLeaders)
                {
                    _maxSimultaneousLeaders = leaders;
                }

                await Task.Delay(1);
            }
        });
    }

    private Candidate[] Leaders() => [.. _candidates.Where(c => c.Elector.IsLeader)];

    private async Task<Candidate> WaitForLeaderAsync(Func<Candidate, bool>? filter = null)
    {
        Candidate? leader = null;
        await Eventually.TrueAsync(
            () =>
            {
                leader = Leaders().FirstOrDefault(c => filter?.Invoke(c) ?? true);
                return leader is not null;
            },
            Bound,
            "a leader is elected");
        return leader!;
    }

    [Fact]
    public async Task Exactly_one_leader_leads_and_a_crashed_leader_is_replaced_once_its_lease_expires()
    {
        StartCandidates(releaseOnCancel: false);
        var first = await WaitForLeaderAsync();
        await Task.Delay(LeaseDuration);
        Assert.True(first.Elector.IsLeader, "the leader keeps renewing: " + _log);
        Assert.All(_candidates, c => Assert.Equal(first.Name, c.Elector.CurrentLeader));

        // A crash: renewal stops and nothing is released.
        var crashedAt = _clock.Elapsed;
        await first.Stop.CancelAsync();
        await first.Run.WaitAsync(Bound);
        var second = await WaitForLeaderAsync(c => c != first);
        var takeover = _clock.Elapsed - crashedAt;

        Assert.True(takeover >= LeaseDuration - (RetryPeriod * 2), $"took over after {takeover}, before the lease could have expired\n{_log}");
        Assert.True(takeover <= LeaseDuration + (RetryPeriod * 2.4) + TimeSpan.FromSeconds(1.5), $"took over only after {takeover}\n{_log}");
        Assert.Equal(1, _maxSimultaneousLeaders);
        var lease = await _observer.GetAsync(KubeResources.Leases, "gossip-leader", "default");
        Assert.Equal(second.Name, lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.Equal(3, lease.Spec.LeaseDurationSeconds);
    }

    [Fact]
    public async Task A_released_lease_is_taken_over_within_a_retry_period()
    {
        StartCandidates(releaseOnCancel: true);
        var first = await WaitForLeaderAsync();

        await first.Elector.ReleaseAsync(CancellationToken.None).WaitAsync(Bound);
        var releasedAt = _clock.Elapsed;
        await WaitForLeaderAsync(c => c != first);
        var takeover = _clock.Elapsed - releasedAt;

        Assert.True(takeover <= (RetryPeriod * LeaderElectionOptions.JitterFactor) + TimeSpan.FromSeconds(1), $"took over only after {takeover}\n{_log}");
        Assert.False(first.StoppedBecauseLost);
        Assert.False(first.Elector.IsLeader);
        Assert.Equal(1, _maxSimultaneousLeaders);
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_api_stops_leading_before_anyone_else_takes_over()
    {
        StartCandidates(releaseOnCancel: true);
        var first = await WaitForLeaderAsync();

        var cutAt = _clock.Elapsed;
        first.Proxy.Cut();
        var second = await WaitForLeaderAsync(c => c != first);
        var takeoverAt = _clock.Elapsed;
        await first.Run.WaitAsync(Bound);

        Assert.True(first.StoppedBecauseLost);
        Assert.NotNull(first.StoppedAt);
        Assert.True(first.StoppedAt < takeoverAt, $"old leader stopped at {first.StoppedAt}, new one led at {takeoverAt}\n{_log}");
        Assert.True(first.StoppedAt - cutAt <= RenewDeadline + RetryPeriod + TimeSpan.FromSeconds(1), $"stopped {first.StoppedAt - cutAt} after the cut\n{_log}");
        Assert.Equal(1, _maxSimultaneousLeaders);
        var lease = await _observer.GetAsync(KubeResources.Leases, "gossip-leader", "default");
        Assert.Equal(second.Name, lease.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task A_renewal_that_outlives_the_deadline_is_cancelled_and_never_lands()
    {
        StartCandidates(releaseOnCancel: true);
        var first = await WaitForLeaderAsync();
        foreach (var other in _candidates.Where(c => c != first))
        {
            await other.Stop.CancelAsync();
            await other.Run.WaitAsync(Bound);
        }

        _server.Faults.AddLatency(TimeSpan.FromSeconds(4), r => r.Resource == "leases" && r.Verb == "update");
        await first.Run.WaitAsync(Bound);
        var afterLoss = await _observer.GetAsync(KubeResources.Leases, "gossip-leader", "default");
        _server.Faults.Reset();
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var later = await _observer.GetAsync(KubeResources.Leases, "gossip-leader", "default");

        Assert.True(first.StoppedBecauseLost);
        Assert.Equal(afterLoss.Metadata.ResourceVersion, later.Metadata.ResourceVersion);
    }

    private LeaseLeaderElector SoloCandidate(string identity, bool releaseOnCancel = true) => new(
        _observer,
        new LeaderElectionOptions
        {
            Identity = identity,
            LeaseName = "gossip-leader",
            LeaseNamespace = "default",
            LeaseDuration = LeaseDuration,
            RenewDeadline = RenewDeadline,
            RetryPeriod = RetryPeriod,
            ReleaseOnCancel = releaseOnCancel,
        },
        logger: _log);

    [Fact]
    public async Task Expiry_uses_the_records_duration_from_local_observation_and_ignores_a_skewed_renew_time()
    {
        var future = DateTimeOffset.UtcNow.AddHours(1);
        await _observer.CreateAsync(KubeResources.Leases, new Models.Lease
        {
            Metadata = new Models.ObjectMeta { Name = "gossip-leader", Namespace = "default" },
            Spec = new Models.LeaseSpec { HolderIdentity = "ghost", LeaseDurationSeconds = 1, AcquireTime = future, RenewTime = future, LeaseTransitions = 4 },
        });
        using var candidate = SoloCandidate("candidate-x");
        using var stop = new CancellationTokenSource();
        var started = _clock.Elapsed;
        var run = candidate.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => candidate.IsLeader, Bound, "the candidate takes over the abandoned lease");
        var waited = _clock.Elapsed - started;

        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"took over after {waited}, before the record's 1 s had passed locally\n{_log}");
        Assert.True(waited < LeaseDuration, $"waited {waited}: the candidate's own LeaseDuration was used instead of the record's\n{_log}");
        var lease = await _observer.GetAsync(KubeResources.Leases, "gossip-leader", "default");
        Assert.Equal(5, lease.Spec!.LeaseTransitions);
        Assert.Equal(3, lease.Spec.LeaseDurationSeconds);
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task Release_clears_the_holder_and_shortens_the_duration_to_one_second()
    {
        using var candidate = SoloCandidate("candidate-y");
        var stopped = new List<bool>();
        candidate.StoppedLeading += (_, e) => stopped.Add(e.Lost);
        using var stop = new CancellationTokenSource();
        var run = candidate.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => candidate.IsLeader, Bound, "the candidate leads");

        await stop.CancelAsync();
        await run.WaitAsync(Bound);

        var lease = await _observer.GetAsync(KubeResources.Leases, "gossip-leader", "default");
        Assert.Equal("", lease.Spec!.HolderIdentity ?? "");
        Assert.Equal(1, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(0, lease.Spec.LeaseTransitions);
        Assert.Equal([false], stopped);
        Assert.False(candidate.IsLeader);
    }
}
