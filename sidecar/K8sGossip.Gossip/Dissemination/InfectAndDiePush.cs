using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>
/// Fabric's push, kept as the baseline profile: an item published here or received by push for the first
/// time is forwarded once to <c>fanout</c> random same-org channel peers (never back to its sender), after
/// the burst delay. Pulled items are not forwarded; there are no announcements.
/// </summary>
internal sealed class InfectAndDiePush : IPushStrategy
{
    private readonly ChannelDissemination _d;
    private readonly List<(StoredItem Item, PkiId? From)> _burst = [];
    private readonly List<PkiId> _scratch = [];
    private IDisposable? _flushTimer;

    public InfectAndDiePush(ChannelDissemination dissemination) => _d = dissemination;

    public void OnViewChanged(ChannelView view)
    {
    }

    public void OnNew(StoredItem item, PkiId? from, DataSource source)
    {
        if (source == DataSource.Pull)
        {
            return;
        }

        if (_d.Options.PushBatchDelay <= TimeSpan.Zero)
        {
            Forward(item, from);
            return;
        }

        _burst.Add((item, from));
        _flushTimer ??= _d.Node.Schedule(_d.Options.PushBatchDelay, "push burst", Flush);
    }

    public void OnDuplicate(ulong seq, PkiId from, DataSource source)
    {
    }

    public void OnArrived(ulong seq)
    {
    }

    public bool WasGrafted(ulong seq, PkiId from) => false;

    public void OnIHave(PkiId from, IHave announcement)
    {
    }

    public void OnGraft(PkiId from, Graft graft)
    {
    }

    public void OnPrune(PkiId from)
    {
    }

    public void Dispose() => _flushTimer?.Dispose();

    private void Flush()
    {
        _flushTimer = null;
        foreach (var (item, from) in _burst)
        {
            Forward(item, from);
        }

        _burst.Clear();
    }

    private void Forward(StoredItem item, PkiId? from)
    {
        _scratch.Clear();
        foreach (var member in _d.Channel.OrgMembers())
        {
            if (member.PkiId != from)
            {
                _scratch.Add(member.PkiId);
            }
        }

        var count = Math.Min(_d.Options.Fanout, _scratch.Count);
        for (var i = 0; i < count; i++)
        {
            var pick = i + _d.Node.Random.Next(_scratch.Count - i);
            (_scratch[i], _scratch[pick]) = (_scratch[pick], _scratch[i]);
        }

        _d.SendData(item, _scratch.Take(count));
    }
}
