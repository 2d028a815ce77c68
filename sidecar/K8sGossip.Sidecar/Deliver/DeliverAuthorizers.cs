using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;
using K8sGossip.Rpc.Security;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>The two Deliver policies: the orderer serves any member of a trusted organization; a peer serves only
/// members of the channel's organizations.</summary>
public static class DeliverAuthorizers
{
    private const int MaxCachedCertificates = 4096;

    /// <summary>Any caller whose certificate chains to a CA of <paramref name="trust"/> (the orderer's policy).</summary>
    public static DeliverAuthorizer AnyOrganizationMember(TrustBundle trust)
    {
        var organizations = new OrganizationResolver(trust);
        return (certificate, _) => certificate is not null && organizations.Resolve(certificate) is not null;
    }

    /// <summary>Callers whose certificate chains to the CA of an organization that <paramref name="channelOrganizations"/>
    /// lists for the channel (a peer's policy; the channel layer supplies the list, null for an unknown channel).</summary>
    public static DeliverAuthorizer ChannelMembers(TrustBundle trust, Func<string, IReadOnlyCollection<string>?> channelOrganizations)
    {
        ArgumentNullException.ThrowIfNull(channelOrganizations);
        var organizations = new OrganizationResolver(trust);
        return (certificate, channel) =>
            certificate is not null &&
            organizations.Resolve(certificate) is { } org &&
            channelOrganizations(channel) is { } members &&
            members.Contains(org);
    }

    /// <summary>Finds the organization whose CA issued a certificate; remembers the answer per certificate, since a
    /// peer opens streams again and again with the same certificate.</summary>
    private sealed class OrganizationResolver(TrustBundle trust)
    {
        private readonly TrustBundle _trust = trust ?? throw new ArgumentNullException(nameof(trust));
        private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

        public string? Resolve(X509Certificate2 certificate)
        {
            var key = Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
            if (_known.TryGetValue(key, out var org))
            {
                return org.Length == 0 ? null : org;
            }

            org = string.Empty;
            foreach (var candidate in _trust.Organizations)
            {
                if (_trust.TryGetAuthorities(candidate, out var authorities) && CertificateTrust.ChainsTo(certificate, authorities))
                {
                    org = candidate;
                    break;
                }
            }

            if (_known.Count >= MaxCachedCertificates)
            {
                _known.Clear();
            }

            _known[key] = org;
            return org.Length == 0 ? null : org;
        }
    }
}
