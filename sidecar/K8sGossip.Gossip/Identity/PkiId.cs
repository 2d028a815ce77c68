using System.Security.Cryptography;
using System.Text;

namespace K8sGossip.Gossip.Identity;

/// <summary>A peer's name everywhere in the protocol: SHA-256(MSP ID bytes ‖ DER certificate).</summary>
public readonly struct PkiId : IEquatable<PkiId>, IComparable<PkiId>
{
    /// <summary>Length of a PKI-ID in bytes.</summary>
    public const int Length = 32;

    private readonly byte[]? _bytes;

    private PkiId(byte[] bytes) => _bytes = bytes;

    /// <summary>The raw 32 bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>True for the default (unset) value.</summary>
    public bool IsEmpty => _bytes is null;

    /// <summary>Derives the PKI-ID of an identity.</summary>
    public static PkiId Compute(string mspId, ReadOnlySpan<byte> certificateDer)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        var msp = Encoding.UTF8.GetBytes(mspId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(msp);
        hash.AppendData(certificateDer);
        return new PkiId(hash.GetHashAndReset());
    }

    /// <summary>Reads a PKI-ID from wire bytes; false when the length is wrong.</summary>
    public static bool TryFrom(ReadOnlySpan<byte> bytes, out PkiId id)
    {
        if (bytes.Length != Length)
        {
            id = default;
            return false;
        }

        id = new PkiId(bytes.ToArray());
        return true;
    }

    /// <summary>Reads a PKI-ID from wire bytes or throws <see cref="FormatException"/>.</summary>
    public static PkiId From(ReadOnlySpan<byte> bytes) =>
        TryFrom(bytes, out var id) ? id : throw new FormatException($"A PKI-ID has {Length} bytes, not {bytes.Length}.");

    /// <summary>Parses the hex form produced by <see cref="ToString"/>.</summary>
    public static PkiId Parse(string hex) => From(Convert.FromHexString(hex));

    /// <summary>A copy of the bytes, for protobuf fields.</summary>
    public byte[] ToArray() => _bytes is null ? [] : (byte[])_bytes.Clone();

    /// <summary>The protobuf representation.</summary>
    public Google.Protobuf.ByteString ToByteString() => Google.Protobuf.ByteString.CopyFrom(_bytes ?? []);

    /// <summary>The first 8 hex digits, for logs.</summary>
    public string Short => _bytes is null ? "<none>" : Convert.ToHexStringLower(_bytes, 0, 4);

    /// <inheritdoc />
    public bool Equals(PkiId other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PkiId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    /// <summary>Byte-wise order; used where the protocol ranks peers by PKI-ID.</summary>
    public int CompareTo(PkiId other) => Span.SequenceCompareTo(other.Span);

    /// <inheritdoc />
    public override string ToString() => _bytes is null ? string.Empty : Convert.ToHexStringLower(_bytes);

    /// <summary>Equality.</summary>
    public static bool operator ==(PkiId left, PkiId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PkiId left, PkiId right) => !left.Equals(right);

    /// <summary>Order.</summary>
    public static bool operator <(PkiId left, PkiId right) => left.CompareTo(right) < 0;

    /// <summary>Order.</summary>
    public static bool operator >(PkiId left, PkiId right) => left.CompareTo(right) > 0;

    /// <summary>Order.</summary>
    public static bool operator <=(PkiId left, PkiId right) => left.CompareTo(right) <= 0;

    /// <summary>Order.</summary>
    public static bool operator >=(PkiId left, PkiId right) => left.CompareTo(right) >= 0;
}
