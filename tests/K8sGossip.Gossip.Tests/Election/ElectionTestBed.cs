using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Election;

/// <summary>
/// Peers of one organization in one channel running <see cref="DynamicElection"/> on a virtual clock; leadership
/// messages travel with a seeded delay and respect crashes and partitions. Heights stand in for what each peer's
/// signed channel state reports.
/// </summary>
internal sealed class ElectionTestBed
{
    private readonly Random _random;

    public ElectionTestBed(int seed, ElectionOptions? options = null)
    {
        _random = new Random(seed);
        Options = options ?? new ElectionOptions();
    }

    public VirtualTimeProvider Time { get; } = new();

    public ElectionOptions Options { get; }

    public List<Peer> Peers { get; } = [];

    public Peer Add(ulong height, PkiId? pkiId = null)
    {
        var id = pkiId ?? RandomPkiId();
        var peer = new Peer(this, id, new NodeContext(Time, new Random(_random.Next())), height);
        Peers.Add(peer);
        return peer;
    }

    public PkiId RandomPkiId()
    {
        var bytes = new byte[PkiId.Length];
        _random.NextBytes(bytes);
        bytes[0] = (byte)Math.Max(bytes[0], (byte)1); // keep 0x00.. free for "lowest PKI-ID" cases
        return PkiId.From(bytes);
    }

    public IReadOnlyList<Peer> Leaders() => Peers.Where(p => p.Running && p.Election.IsLeader).ToList();

    public void Partition(IEnumerable<Peer> side)
    {
        var set = side.ToHashSet();
        foreach (var p in Peers)
        {
            p.Side = set.Contains(p) ? 1 : 0;
        }
    }

    public void Heal()
    {
        foreach (var p in Peers)
        {
            p.Side = 0;
        }
    }

    /// <summary>Advances virtual time in small steps, calling <paramref name="sample"/> after each.</summary>
    public void Run(TimeSpan duration, Action? sample = null, TimeSpan? step = null)
    {
        var until = Time.Elapsed + duration;
        var s = step ?? TimeSpan.FromMilliseconds(10);
        while (Time.Elapsed < until)
        {
            Time.Advance(s);
            sample?.Invoke();
        }
    }

    private static bool CanReach(Peer a, Peer b) => a.Running && b.Running && a.Side == b.Side;

    internal sealed class Peer : IElectionChannel
    {
        private readonly ElectionTestBed _bed;

        public Peer(ElectionTestBed bed, PkiId id, NodeContext node, ulong height)
        {
            _bed = bed;
            Self = id;
            Node = node;
            Height = height;
            Election = new DynamicElection(node, this, bed.Options);
        }

        public PkiId Self { get; }

        public NodeContext Node { get; }

        public DynamicElection Election { get; private set; }

        public ulong Height { get; set; }

        public bool Running { get; private set; }

        public int Side { get; set; }

        public int MessagesSent { get; private set; }

        public ulong OwnHeight => Height;

        public void Start()
        {
            Running = true;
            Node.Run("start", Election.Start);
        }

        /// <summary>A crash: no goodbye, no more messages.</summary>
        public void Crash()
        {
            Running = false;
            Election.Stop(handOver: false);
        }

        public void StopGracefully()
        {
            Node.Run("stop", () => Election.Stop(handOver: true));
            Running = false;
        }

        /// <summary>Membership knows the other peers even across a partition; only reachability differs.</summary>
        public bool HasPeers => _bed.Peers.Count > 1;

        public IReadOnlyList<ElectionCandidate> Peers() =>
            _bed.Peers.Where(p => p != this && CanReach(this, p)).Select(p => new ElectionCandidate(p.Self, p.Height)).ToList();

        public void Send(LeadershipMessage message)
        {
            MessagesSent++;
            foreach (var target in _bed.Peers)
            {
                if (target == this || !CanReach(this, target))
                {
                    continue;
                }

                var copy = message.Clone();
                var delay = TimeSpan.FromMilliseconds(1 + _bed._random.Next(4));
                var from = Self;
                _bed.Time.Schedule(delay, () =>
                {
                    // Messages already on the wire arrive even if their sender has stopped since.
                    if (target.Running && target.Side == Side)
                    {
                        target.Node.Run("leadership", () => target.Election.OnMessage(from, copy));
                    }
                });
            }
        }
    }
}
