using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace K8sGossip.Gossip.Identity;

/// <summary>
/// ECDSA P-256 material that comes out the same in every process: keys derived from a label, and certificate
/// signatures whose nonce is derived from the key and the signed bytes (the idea of RFC 6979). The same labels give
/// byte-identical certificates, hence the same PKI-IDs, so a seeded simulation replays exactly. For simulations and
/// tests only: anyone who knows a label knows its private key.
/// </summary>
internal sealed class ReproducibleEcdsa : X509SignatureGenerator
{
    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private readonly X509SignatureGenerator _standard;
    private readonly BigInteger _d;
    private readonly byte[] _dBytes;

    private ReproducibleEcdsa(ECDsa key)
    {
        _standard = CreateForECDsa(key);
        _dBytes = key.ExportParameters(includePrivateParameters: true).D!;
        _d = ToInteger(_dBytes);
    }

    /// <summary>The P-256 key derived from <paramref name="label"/>.</summary>
    public static ECDsa Key(string label)
    {
        var scalar = Scalar(SHA256.HashData(Encoding.UTF8.GetBytes("k8sgossip reproducible key\n" + label)));
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = ToBytes(scalar) });
    }

    /// <summary>A positive 16-byte certificate serial number derived from <paramref name="label"/>.</summary>
    public static byte[] Serial(string label)
    {
        var serial = SHA256.HashData(Encoding.UTF8.GetBytes("k8sgossip reproducible serial\n" + label))[..16];
        serial[0] &= 0x7F;
        serial[0] |= 0x01; // positive and without a leading zero byte
        return serial;
    }

    /// <summary>A signature generator for certificates issued with <paramref name="key"/>.</summary>
    public static X509SignatureGenerator For(ECDsa key) => new ReproducibleEcdsa(key);

    /// <inheritdoc />
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
        _standard.GetSignatureAlgorithmIdentifier(hashAlgorithm);

    /// <inheritdoc />
    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
    {
        if (hashAlgorithm != HashAlgorithmName.SHA256)
        {
            throw new NotSupportedException($"Reproducible certificates are signed with SHA-256, not {hashAlgorithm.Name}.");
        }

        var digest = SHA256.HashData(data);
        var z = ToInteger(digest);
        for (byte attempt = 0; ; attempt++)
        {
            // The nonce depends on the private key and the digest only: secret to outsiders, never reused for another message.
            var k = Scalar(HMACSHA256.HashData(_dBytes, (byte[])[.. digest, attempt]));
            using var point = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = ToBytes(k) });
            var r = ToInteger(point.ExportParameters(includePrivateParameters: false).Q.X!) % Order;
            var s = BigInteger.ModPow(k, Order - 2, Order) * (z + (r * _d)) % Order;
            if (r.IsZero || s.IsZero)
            {
                continue;
            }

            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(r);
                writer.WriteInteger(s);
            }

            return writer.Encode();
        }
    }

    /// <inheritdoc />
    protected override PublicKey BuildPublicKey() => _standard.PublicKey;

    /// <summary>Maps 32 hash bytes onto a valid scalar in [1, n − 1].</summary>
    private static BigInteger Scalar(byte[] bytes) => (ToInteger(bytes) % (Order - 1)) + 1;

    private static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] ToBytes(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
