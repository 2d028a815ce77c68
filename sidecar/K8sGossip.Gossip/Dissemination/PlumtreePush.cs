using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>
/// Plumtree push (Leitão et al., SRDS 2007) over the organization's channel peers. Items go eagerly to the
/// eager peers, which start as <c>fanout</c> random picks made symmetric by the first push; a duplicate
/// prunes the link it came over, so the eager links settle into a spanning tree. The other (lazy) peers get
/// batched announcements; an announced item that does not arrive by push within the graft timeout is
/// grafted from its announcer, which also restores the link into the tree.
/// </summary>
internal sealed class PlumtreePush : IPushStrategy
{
    private const int MaxMissing = 4096;
    private const int MaxGrafted = 4096;
    private const int MaxGraftRounds = 3;
    private const int MaxHoleScan = 64;
    private static readonly TimeSpan InitialPickDelay = TimeSpan.FromSeconds(1);

    private readonly ChannelDissemination _d;
    private readonly HashSet<PkiId> _eager = [];
    private readonly HashSet<PkiId> _lazy = [];
    private readonly List<ulong> _pendingAnnouncements = [];
    private readonly Dictionary<ulong, MissingItem> _missing = [];
    private readonly Dictionary<ulong, PkiId> _grafted = [];
    private readonly List<PkiId> _scratch = [];
    private int _picked;
    private IDisposable? _announceTimer;
    private IDisposable? _pickTimer;

    public PlumtreePush(ChannelDissemination dissemination) => _d = dissemination;

    /// <summary>Eager peers now (for tests).</summary>
    public IReadOnlyCollection<PkiId> Eager => _eager;

    /// <summary>Lazy peers now (for tests).</summary>
    public IReadOnlyCollection<PkiId> Lazy => _lazy;

    public void OnViewChanged(ChannelView view)
    {
        var org = _d.Channel.SelfMspId;
        var candidates = new HashSet<PkiId>();
        foreach (var member in view.Members)
        {
            if (member.MspId == org)
            {
                candidates.Add(member.PkiId);
            }
        }

        // A lost eager peer frees a pick, so the next push replaces it and the structure stays connected.
        _picked -= _eager.RemoveWhere(p => !candidates.Contains(p));
        _picked = Math.Max(0, _picked);
        _lazy.RemoveWhere(p => !candidates.Contains(p));
        foreach (var peer in candidates)
        {
            if (!_eager.Contains(peer))
            {
                _lazy.Add(peer);
            }
        }

        // Pick the first eager peers shortly after peers appear (not at the very first one, which every node would
        // pick alike), and tell them, so the links exist on both sides before the first block.
        if (_picked < _d.Options.Fanout && _lazy.Count > 0 && _pickTimer is null)
        {
            _pickTimer = _d.Node.Schedule(InitialPickDelay, "plumtree initial links", () => PickInitialEager(announce: true));
        }
    }

    public void OnNew(StoredItem item, PkiId? from, DataSource source)
    {
        CancelRepair(item.Seq);
        PickInitialEager();
        if (from is { } sender && source == DataSource.Push && _lazy.Remove(sender))
        {
            _eager.Add(sender); // a link the sender pushes over is a tree link on both sides
        }

        if (from is { } holder && source != DataSource.Local)
        {
            ExpectHolesBelow(item.Seq, holder);
        }

        _scratch.Clear();
        foreach (var peer in _eager)
        {
            if (peer == from)
            {
                continue;
            }

            if (_d.IsFarBehind(peer))
            {
                _d.Stats.FarBehindSkips++;
                continue;
            }

            _scratch.Add(peer);
        }

        _d.SendData(item, _scratch);
        Announce(item.Seq);
    }

    public void OnDuplicate(ulong seq, PkiId from, DataSource source)
    {
        // Prune whoever pushed the duplicate, also a peer this node never chose: its own initial pick of this node
        // is one side of a link that only the prune removes.
        if (source != DataSource.Push || !(_eager.Remove(from) | _lazy.Contains(from)))
        {
            return;
        }

        _lazy.Add(from);
        if (_d.SendControl(from, new GossipMessage { Prune = new Prune() }))
        {
            _d.Stats.PrunesSent++;
        }
    }

    public void OnArrived(ulong seq) => CancelRepair(seq);

    public bool WasGrafted(ulong seq, PkiId from) => _grafted.TryGetValue(seq, out var peer) && peer == from;

    public void OnIHave(PkiId from, IHave announcement)
    {
        foreach (var seq in announcement.SeqNums)
        {
            Expect(seq, from);
        }
    }

    public void OnGraft(PkiId from, Graft graft)
    {
        if (!_lazy.Remove(from) && !_eager.Contains(from))
        {
            return; // not a same-org member of the channel view
        }

        _eager.Add(from);
        var count = 0;
        foreach (var seq in graft.SeqNums)
        {
            if (++count > _d.Options.MaxPullItems)
            {
                break;
            }

            if (_d.Store.TryGet(seq, out var item))
            {
                _d.SendData(item, [from]);
            }
        }
    }

    public void OnPrune(PkiId from)
    {
        if (_eager.Remove(from))
        {
            _lazy.Add(from);
        }
    }

    public void Dispose()
    {
        _announceTimer?.Dispose();
        _pickTimer?.Dispose();
        foreach (var missing in _missing.Values)
        {
            missing.Timer?.Dispose();
        }

        _missing.Clear();
    }

    /// <summary>Notes that <paramref name="holder"/> has <paramref name="seq"/>; grafts it from there unless it arrives
    /// by push within the graft timeout.</summary>
    private void Expect(ulong seq, PkiId holder)
    {
        if (!_d.Wants(seq))
        {
            return;
        }

        if (!_missing.TryGetValue(seq, out var missing))
        {
            if (_missing.Count >= MaxMissing)
            {
                return; // pull repairs what does not fit
            }

            missing = new MissingItem();
            _missing.Add(seq, missing);
            missing.Timer = _d.Node.Schedule(_d.Options.GraftTimeout, "graft", () => GraftNext(seq));
        }

        if (!missing.Announcers.Contains(holder))
        {
            missing.Announcers.Add(holder);
        }
    }

    /// <summary>Block numbers are contiguous, so a new item above a hole says the sender very likely holds the
    /// missing ones too: they are expected from it, which repairs a hole even when no announcement reached here.</summary>
    private void ExpectHolesBelow(ulong seq, PkiId sender)
    {
        var floor = _d.Seen.Floor;
        if (seq <= floor || seq - floor > MaxHoleScan)
        {
            return;
        }

        for (var s = floor; s < seq; s++)
        {
            Expect(s, sender);
        }
    }

    private void PickInitialEager(bool announce = false)
    {
        while (_picked < _d.Options.Fanout && _lazy.Count > 0)
        {
            var index = _d.Node.Random.Next(_lazy.Count);
            var peer = _lazy.ElementAt(index);
            _lazy.Remove(peer);
            _eager.Add(peer);
            _picked++;
            if (announce)
            {
                _d.SendControl(peer, new GossipMessage { Graft = new Graft() }); // "keep me in your eager set"
            }
        }

        _pickTimer = null;
    }

    private void Announce(ulong seq)
    {
        if (_d.Options.LazyFanout == 0)
        {
            return;
        }

        _pendingAnnouncements.Add(seq);
        _announceTimer ??= _d.Node.Schedule(_d.Options.LazyBatchDelay, "ihave batch", FlushAnnouncements);
    }

    private void FlushAnnouncements()
    {
        _announceTimer = null;
        if (_pendingAnnouncements.Count == 0)
        {
            return;
        }

        var announcement = new IHave();
        announcement.SeqNums.AddRange(_pendingAnnouncements);
        _pendingAnnouncements.Clear();

        _scratch.Clear();
        foreach (var peer in _lazy)
        {
            if (!_d.IsFarBehind(peer))
            {
                _scratch.Add(peer);
            }
        }

        var count = Math.Min(_d.Options.LazyFanout, _scratch.Count);
        var envelope = _d.Channel.CreateEnvelope(new GossipMessage { Ihave = announcement });
        for (var i = 0; i < count; i++)
        {
            var pick = i + _d.Node.Random.Next(_scratch.Count - i);
            (_scratch[i], _scratch[pick]) = (_scratch[pick], _scratch[i]);
            if (_d.Channel.Send(_scratch[i], envelope))
            {
                _d.Stats.IHavesSent++;
            }
        }
    }

    private void GraftNext(ulong seq)
    {
        if (!_missing.TryGetValue(seq, out var missing))
        {
            return;
        }

        missing.Timer = null;
        if (!_d.Wants(seq))
        {
            _missing.Remove(seq);
            return;
        }

        while (missing.Next < missing.Announcers.Count || (missing.Rounds < MaxGraftRounds - 1 && missing.Announcers.Count > 0))
        {
            if (missing.Next >= missing.Announcers.Count)
            {
                missing.Next = 0; // a lost graft or answer: ask the announcers again
                missing.Rounds++;
            }

            var announcer = missing.Announcers[missing.Next++];
            if (!_d.Channel.View.Contains(announcer))
            {
                continue;
            }

            var graft = new Graft();
            graft.SeqNums.Add(seq);
            if (!_d.SendControl(announcer, new GossipMessage { Graft = graft }))
            {
                continue;
            }

            _d.Stats.GraftsSent++;
            _lazy.Remove(announcer);
            _eager.Add(announcer);
            if (_grafted.Count >= MaxGrafted)
            {
                _grafted.Clear();
            }

            _grafted[seq] = announcer;
            missing.Timer = _d.Node.Schedule(_d.Options.GraftRetryTimeout, "graft retry", () => GraftNext(seq));
            return;
        }

        _missing.Remove(seq); // no announcer left; pull repairs it
    }

    private void CancelRepair(ulong seq)
    {
        if (_missing.Remove(seq, out var missing))
        {
            missing.Timer?.Dispose();
        }
    }

    private sealed class MissingItem
    {
        public List<PkiId> Announcers { get; } = [];

        public int Next { get; set; }

        public int Rounds { get; set; }

        public IDisposable? Timer { get; set; }
    }
}
