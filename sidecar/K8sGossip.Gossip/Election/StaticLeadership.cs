namespace K8sGossip.Gossip.Election;

/// <summary>Leadership fixed by configuration (`peer.gossip.orgLeader` or the Organization's static leaders).</summary>
public sealed class StaticLeadership(bool isLeader) : ILeadership
{
    private bool _started;

    /// <inheritdoc />
    public bool IsLeader => _started && isLeader;

    /// <inheritdoc />
    public event Action<bool>? LeadershipChanged;

    /// <inheritdoc />
    public void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        if (isLeader)
        {
            LeadershipChanged?.Invoke(true);
        }
    }

    /// <summary>A static leader cannot hand its role to anyone; yielding changes nothing.</summary>
    public void Yield()
    {
    }

    /// <inheritdoc />
    public void Stop(bool handOver)
    {
        if (!_started)
        {
            return;
        }

        var wasLeader = IsLeader;
        _started = false;
        if (wasLeader)
        {
            LeadershipChanged?.Invoke(false);
        }
    }
}
