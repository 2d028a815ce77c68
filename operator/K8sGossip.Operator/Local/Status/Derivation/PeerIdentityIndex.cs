using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Recognizes a planned peer in another peer's Membership reply, which names members by PKI-ID and endpoint only: by the
/// PKI-ID the peer reported itself (remembered, so a peer that stopped answering is still recognized), or else by one of
/// its planned endpoints.
/// </summary>
internal sealed class PeerIdentityIndex
{
    private readonly Dictionary<string, string> _nameByPkiId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _pkiIdByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameByEndpoint = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the planned endpoints of every peer of <paramref name="plan"/>.</summary>
    public PeerIdentityIndex(NetworkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var peer in plan.Peers)
        {
            _nameByEndpoint.TryAdd(peer.InternalEndpoint.ToString(), peer.Name);
            if (peer.External?.Endpoint is { } external)
            {
                _nameByEndpoint.TryAdd(external.ToString(), peer.Name);
            }
        }
    }

    /// <summary>Remembers the PKI-ID a peer reported; a new one (new keys) replaces the old.</summary>
    public void Learn(string name, string pkiId)
    {
        if (string.IsNullOrEmpty(pkiId))
        {
            return;
        }

        if (_pkiIdByName.TryGetValue(name, out var old))
        {
            _nameByPkiId.Remove(old);
        }

        _pkiIdByName[name] = pkiId;
        _nameByPkiId[pkiId] = name;
    }

    /// <summary>The planned peer a member entry stands for; null for a member outside the plan.</summary>
    public string? NameOf(MemberReading member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_nameByPkiId.TryGetValue(member.PkiId, out var name))
        {
            return name;
        }

        return _nameByEndpoint.GetValueOrDefault(member.Endpoint);
    }
}
