namespace K8sGossip.Gossip.Election;

/// <summary>
/// Who should lead: among candidates whose height is within the tolerance of the highest known height, the
/// lowest PKI-ID. Height comes first so that a new, far-behind peer with a low PKI-ID cannot win and starve
/// its organization of blocks (Fabric's election ranks by PKI-ID alone).
/// </summary>
public static class CandidateRanking
{
    /// <summary>Whether <paramref name="candidate"/> is close enough to the top to lead.</summary>
    public static bool IsEligible(ElectionCandidate candidate, ulong maxKnownHeight, ulong tolerance) =>
        candidate.Height + tolerance >= maxKnownHeight;

    /// <summary>Whether <paramref name="a"/> should lead rather than <paramref name="b"/>, given the highest known height.
    /// A strict order for distinct PKI-IDs: eligibility first, then the lower PKI-ID, then (both ineligible) height.</summary>
    public static bool Outranks(ElectionCandidate a, ElectionCandidate b, ulong maxKnownHeight, ulong tolerance)
    {
        var aEligible = IsEligible(a, maxKnownHeight, tolerance);
        var bEligible = IsEligible(b, maxKnownHeight, tolerance);
        if (aEligible != bEligible)
        {
            return aEligible;
        }

        if (!aEligible && a.Height != b.Height)
        {
            return a.Height > b.Height;
        }

        return a.PkiId < b.PkiId;
    }

    /// <summary>The best of <paramref name="candidates"/>, or null when there are none.</summary>
    public static ElectionCandidate? Best(IEnumerable<ElectionCandidate> candidates, ulong maxKnownHeight, ulong tolerance)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ElectionCandidate? best = null;
        foreach (var candidate in candidates)
        {
            if (best is null || Outranks(candidate, best.Value, maxKnownHeight, tolerance))
            {
                best = candidate;
            }
        }

        return best;
    }
}
