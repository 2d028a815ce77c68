using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Tests.Support;

/// <summary>Records, from every node's snapshot stream, when each node saw each peer change liveness, so tests can
/// assert on detection times and on false alarms.</summary>
public sealed class LivenessLog
{
    private readonly List<(TimeSpan At, TestNode Observer, PkiId Peer, PeerLiveness State)> _transitions = [];

    /// <summary>Starts recording the given nodes' views (their membership must be started).</summary>
    public LivenessLog(IEnumerable<TestNode> observers)
    {
        foreach (var observer in observers)
        {
            Watch(observer);
        }
    }

    /// <summary>Every recorded transition, in order.</summary>
    public IReadOnlyList<(TimeSpan At, TestNode Observer, PkiId Peer, PeerLiveness State)> Transitions => _transitions;

    /// <summary>Starts recording one more node's view (for example after a restart).</summary>
    public void Watch(TestNode observer)
    {
        var last = new Dictionary<PkiId, PeerLiveness>();
        var view = observer.View;
        var time = observer.Bed.Time;
        view.Changed += snapshot =>
        {
            foreach (var member in snapshot.Members)
            {
                if (!last.TryGetValue(member.PkiId, out var previous) || previous != member.State)
                {
                    last[member.PkiId] = member.State;
                    _transitions.Add((time.Elapsed, observer, member.PkiId, member.State));
                }
            }
        };
    }

    /// <summary>Transitions into <paramref name="state"/> about <paramref name="peer"/>.</summary>
    public IEnumerable<(TimeSpan At, TestNode Observer)> When(PkiId peer, PeerLiveness state) =>
        _transitions.Where(t => t.Peer == peer && t.State == state).Select(t => (t.At, t.Observer));

    /// <summary>How many times any node saw any peer in <paramref name="state"/>.</summary>
    public int Count(PeerLiveness state) => _transitions.Count(t => t.State == state);
}
