using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>How new items are pushed to peers; one instance per channel, driven by <see cref="ChannelDissemination"/>.</summary>
internal interface IPushStrategy : IDisposable
{
    /// <summary>The channel's members changed.</summary>
    void OnViewChanged(ChannelView view);

    /// <summary>A new item is held (published here, or arrived from <paramref name="from"/>): push it on.</summary>
    void OnNew(StoredItem item, PkiId? from, DataSource source);

    /// <summary>A copy of an item already held arrived from <paramref name="from"/>.</summary>
    void OnDuplicate(ulong seq, PkiId from, DataSource source);

    /// <summary>A missing item arrived by some path; stop repairing it.</summary>
    void OnArrived(ulong seq);

    /// <summary>Whether this node grafted <paramref name="seq"/> from <paramref name="from"/>.</summary>
    bool WasGrafted(ulong seq, PkiId from);

    /// <summary>A peer announced items.</summary>
    void OnIHave(PkiId from, IHave announcement);

    /// <summary>A peer asked for items and to be pushed to eagerly.</summary>
    void OnGraft(PkiId from, Graft graft);

    /// <summary>A peer asked not to be pushed to eagerly.</summary>
    void OnPrune(PkiId from);
}
