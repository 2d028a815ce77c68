using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;

namespace K8sGossip.Sidecar.Credentials;

/// <summary>
/// Loads a node's credentials from the files configuration names, in Fabric's MSP layout: <c>signcerts/</c> (the
/// identity certificate), <c>keystore/</c> (its key), and, for peers, <c>orderers/</c> (the signing certificates of the
/// ordering service nodes, each of which must chain to the CA of <c>k8sgossip.orderer.mspId</c>). A missing or unreadable
/// file is a <see cref="ConfigurationException"/> naming the key that points at it.
/// </summary>
internal static class CredentialFiles
{
    /// <summary>The MSP subdirectory holding the ordering service's signing certificates.</summary>
    public const string OrderersDirectory = "orderers";

    /// <summary>Loads the credentials of the node <paramref name="configuration"/> describes.</summary>
    public static NodeCredentials Load(SidecarConfiguration configuration, ChannelConfiguration channels, bool requireOrderers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(channels);
        var msp = configuration.Peer.MspConfigPath;
        var identityCert = SinglePem(Path.Combine(msp, "signcerts"), "peer.mspConfigPath", "the identity certificate");
        var identityKey = SinglePem(Path.Combine(msp, "keystore"), "peer.mspConfigPath", "the identity private key");
        PeerCredentials peer;
        try
        {
            peer = PeerCredentials.FromPem(
                configuration.Peer.MspId,
                Read(identityCert, "peer.mspConfigPath"),
                Read(identityKey, "peer.mspConfigPath"),
                Read(configuration.Tls.CertFile, "peer.tls.cert.file"),
                Read(configuration.Tls.KeyFile, "peer.tls.key.file"));
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException("peer.mspConfigPath", $"the identity or TLS certificate and key cannot be loaded: {e.Message}");
        }

        var trust = new TrustBundle(channels.TrustBundle.Select(entry =>
            KeyValuePair.Create(entry.Key, (IReadOnlyList<X509Certificate2>)Certificates(entry.Value, $"trustBundle.{entry.Key}"))));
        var tlsAuthorities = Certificates(configuration.Tls.RootCertFile, "peer.tls.rootcert.file")
            .Concat(configuration.Tls.ClientRootCaFiles.SelectMany(f => Certificates(f, "peer.tls.clientRootCAs.files")))
            .DistinctBy(c => c.Thumbprint)
            .ToList();
        var orderers = requireOrderers ? LoadOrderers(msp, configuration.Orderer.MspId, trust) : [];
        return new NodeCredentials(peer, trust, tlsAuthorities, orderers);
    }

    private static List<PeerIdentity> LoadOrderers(string msp, string ordererMspId, TrustBundle trust)
    {
        var directory = Path.Combine(msp, OrderersDirectory);
        const string key = "peer.mspConfigPath";
        if (!Directory.Exists(directory))
        {
            throw new ConfigurationException(key, $"'{directory}' does not exist: it must hold the signing certificates (PEM) of the ordering service ({ordererMspId}).");
        }

        var identities = new IdentityStore(trust, TimeProvider.System);
        var result = new List<PeerIdentity>();
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            foreach (var certificate in Certificates(file, key))
            {
                var rejection = identities.TryLearn(ordererMspId, certificate.RawData, null, out var identity);
                if (rejection != IdentityRejection.None || identity is null)
                {
                    throw new ConfigurationException(key, $"'{file}' holds a certificate that is not a valid {ordererMspId} identity ({rejection}).");
                }

                result.Add(identity);
            }
        }

        if (result.Count == 0)
        {
            throw new ConfigurationException(key, $"'{directory}' holds no certificate of the ordering service ({ordererMspId}).");
        }

        return result;
    }

    private static string SinglePem(string directory, string key, string what)
    {
        var file = Directory.Exists(directory) ? Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return file ?? throw new ConfigurationException(key, $"'{directory}' must hold {what} (PEM).");
    }

    private static string Read(string path, string key)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(key, $"'{path}' cannot be read: {e.Message}");
        }
    }

    private static X509Certificate2[] Certificates(string path, string key)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(Read(path, key));
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException(key, $"'{path}' is not a PEM certificate file: {e.Message}");
        }

        return collection.Count == 0
            ? throw new ConfigurationException(key, $"'{path}' holds no PEM certificate.")
            : [.. collection];
    }
}
