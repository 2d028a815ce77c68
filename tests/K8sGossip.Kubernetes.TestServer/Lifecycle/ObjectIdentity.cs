namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>Seeded source of uids, generateName suffixes and cluster IPs, so runs are reproducible.</summary>
internal sealed class ObjectIdentity(int seed)
{
    // The alphabet the API uses for generateName: no vowels, no look-alike characters.
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly Random random = new(seed);
    private int nextServiceAddress = 1;

    public string Uid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    public string NameSuffix() => string.Create(5, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = SuffixAlphabet[r.Next(SuffixAlphabet.Length)];
        }
    });

    public string ServiceAddress()
    {
        var n = nextServiceAddress++;
        return $"10.96.{n / 250}.{(n % 250) + 1}";
    }
}
