namespace K8sGossip.Gossip.Identity;

/// <summary>
/// The identities one node has verified, keyed by PKI-ID. Certificates are validated against the claimed
/// organization's CA only (validation is cached in the <see cref="TrustBundle"/>), checked against the node's clock
/// on every use, and purged when they expire.
/// </summary>
/// <remarks>
/// Renewal: a PKI-ID hashes the certificate, so a renewed certificate names a new PKI-ID. When a valid certificate
/// arrives with the same organization and subject as a stored one and a later validity start, it replaces the stored
/// one: the old PKI-ID is retired (<see cref="TryGet"/> no longer finds it, it is refused if offered again, and it is
/// reported once by <see cref="PurgeExpired"/> so its connections close and membership forgets it). An older
/// certificate for a subject that has a newer one is refused as superseded (<see cref="IdentityRejection.Expired"/>).
/// Thread-safe; normally used under the node's gate.
/// </remarks>
public sealed class IdentityStore : IIdentityStore
{
    private readonly TrustBundle _bundle;
    private readonly TimeProvider _time;
    private readonly Dictionary<PkiId, VerifiedCertificate> _byId = [];
    private readonly Dictionary<(string MspId, string Subject), PkiId> _bySubject = [];
    private readonly Dictionary<PkiId, DateTimeOffset> _retired = [];
    private readonly List<PkiId> _retiredUnreported = [];
    private readonly Lock _gate = new();

    /// <summary>Creates an empty store that trusts <paramref name="bundle"/> and reads time from <paramref name="time"/>.</summary>
    public IdentityStore(TrustBundle bundle, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(time);
        _bundle = bundle;
        _time = time;
    }

    /// <summary>Number of stored identities.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <inheritdoc />
    public bool IsKnownOrganization(string mspId) => mspId is not null && _bundle.Contains(mspId);

    /// <inheritdoc />
    public IdentityRejection TryLearn(string mspId, ReadOnlySpan<byte> certificateDer, PkiId? claimedPkiId, out PeerIdentity? identity)
    {
        identity = null;
        if (string.IsNullOrEmpty(mspId) || !_bundle.Contains(mspId))
        {
            return IdentityRejection.UnknownAuthority;
        }

        if (certificateDer.IsEmpty)
        {
            return IdentityRejection.Malformed;
        }

        if (claimedPkiId is { } claim && claim != PkiId.Compute(mspId, certificateDer))
        {
            return IdentityRejection.PkiIdMismatch; // cheap check first: no chain work for a false claim
        }

        var verified = _bundle.Certificates.Get(mspId, certificateDer);
        if (verified.Rejection != IdentityRejection.None || verified.Identity is null)
        {
            return verified.Rejection == IdentityRejection.None ? IdentityRejection.Malformed : verified.Rejection;
        }

        var now = _time.GetUtcNow();
        if (!verified.IsValidAt(now))
        {
            return IdentityRejection.Expired;
        }

        var id = verified.Identity.PkiId;
        lock (_gate)
        {
            if (_retired.ContainsKey(id))
            {
                return IdentityRejection.Expired; // superseded by a renewed certificate
            }

            if (_byId.ContainsKey(id))
            {
                identity = verified.Identity;
                return IdentityRejection.None;
            }

            var subjectKey = (mspId, verified.Subject);
            if (_bySubject.TryGetValue(subjectKey, out var currentId) && _byId.TryGetValue(currentId, out var current))
            {
                var newer = verified.NotBefore > current.NotBefore
                    || (verified.NotBefore == current.NotBefore && verified.NotAfter > current.NotAfter);
                if (!newer)
                {
                    return IdentityRejection.Expired;
                }

                _byId.Remove(currentId);
                _retired[currentId] = current.NotAfter;
                _retiredUnreported.Add(currentId);
            }

            _byId[id] = verified;
            _bySubject[subjectKey] = id;
        }

        identity = verified.Identity;
        return IdentityRejection.None;
    }

    /// <inheritdoc />
    public bool TryGet(PkiId pkiId, out PeerIdentity identity)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(pkiId, out var verified) && verified.IsValidAt(_time.GetUtcNow()) && verified.Identity is { } found)
            {
                identity = found;
                return true;
            }
        }

        identity = null!;
        return false;
    }

    /// <inheritdoc />
    public IdentityRejection Verify(PkiId signer, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        VerifiedCertificate? verified;
        lock (_gate)
        {
            _byId.TryGetValue(signer, out verified);
        }

        if (verified is null)
        {
            return IdentityRejection.UnknownPeer;
        }

        if (!verified.IsValidAt(_time.GetUtcNow()))
        {
            return IdentityRejection.Expired;
        }

        if (signature.IsEmpty)
        {
            return IdentityRejection.BadSignature;
        }

        var key = SignatureCache.KeyOf(signer, data, signature);
        if (_bundle.Signatures.Contains(key))
        {
            return IdentityRejection.None;
        }

        if (!verified.Verify(data, signature))
        {
            return IdentityRejection.BadSignature;
        }

        _bundle.Signatures.Add(key);
        return IdentityRejection.None;
    }

    /// <inheritdoc />
    public IReadOnlyList<PkiId> PurgeExpired()
    {
        var now = _time.GetUtcNow();
        var purged = new List<PkiId>();
        lock (_gate)
        {
            foreach (var (id, verified) in _byId)
            {
                if (now > verified.NotAfter)
                {
                    purged.Add(id);
                }
            }

            foreach (var id in purged)
            {
                var verified = _byId[id];
                _byId.Remove(id);
                var subjectKey = (verified.Identity!.MspId, verified.Subject);
                if (_bySubject.TryGetValue(subjectKey, out var current) && current == id)
                {
                    _bySubject.Remove(subjectKey);
                }
            }

            purged.AddRange(_retiredUnreported);
            _retiredUnreported.Clear();
            foreach (var (id, notAfter) in _retired.Where(r => now > r.Value).ToList())
            {
                _retired.Remove(id); // an expired certificate is refused anyway; no need to remember it as retired
            }
        }

        return purged;
    }
}
