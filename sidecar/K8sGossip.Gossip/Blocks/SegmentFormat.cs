using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// The on-disk layout of block-store segments (see Blocks/README.md). A segment file is named by the number of its
/// first block (20 digits + <c>.blocks</c>) and starts with a 16-byte header: the magic <c>K8GBLK01</c> and the first
/// block number (u64 little-endian). Records follow: [u32 LE length][u32 LE CRC-32C of (length bytes ‖ block)][block].
/// </summary>
internal static class SegmentFormat
{
    /// <summary>Bytes of the segment header.</summary>
    public const int HeaderSize = 16;

    /// <summary>Bytes of a record's length and checksum.</summary>
    public const int RecordHeaderSize = 8;

    /// <summary>Hard upper bound of a record: a declared length above it is damage, whatever the configured block limit.</summary>
    public const int MaxRecordBytes = 512 * 1024 * 1024;

    /// <summary>File extension of segment files.</summary>
    public const string Extension = ".blocks";

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("K8GBLK01");

    /// <summary>The file name of the segment whose first block is <paramref name="firstNumber"/>.</summary>
    public static string FileName(ulong firstNumber) => firstNumber.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    /// <summary>Reads the first block number from a segment file name; false for files that are not segments.</summary>
    public static bool TryParseFileName(string fileName, out ulong firstNumber)
    {
        firstNumber = 0;
        return fileName.Length == 20 + Extension.Length
            && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && ulong.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out firstNumber);
    }

    /// <summary>Writes the header of a segment starting at <paramref name="firstNumber"/>.</summary>
    public static byte[] Header(ulong firstNumber)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), firstNumber);
        return header;
    }

    /// <summary>Whether <paramref name="header"/> is a valid segment header for <paramref name="firstNumber"/>.</summary>
    public static bool IsValidHeader(ReadOnlySpan<byte> header, ulong firstNumber) =>
        header.Length >= HeaderSize
        && header[..8].SequenceEqual(Magic)
        && BinaryPrimitives.ReadUInt64LittleEndian(header[8..]) == firstNumber;

    /// <summary>The checksum stored for a record: CRC-32C over the 4 length bytes followed by the block bytes, so a
    /// damaged length is caught too.</summary>
    public static uint Checksum(ReadOnlySpan<byte> lengthBytes, ReadOnlySpan<byte> payload) =>
        Crc32C.Append(Crc32C.Compute(lengthBytes), payload);

    /// <summary>Writes the record for <paramref name="payload"/> into <paramref name="destination"/> (which has
    /// <see cref="RecordHeaderSize"/> + payload length bytes).</summary>
    public static void WriteRecord(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(destination[..4], payload));
        payload.CopyTo(destination[RecordHeaderSize..]);
    }

    /// <summary>The declared payload length of the record at the start of <paramref name="record"/>, or -1 when the
    /// length is zero or above <see cref="MaxRecordBytes"/>.</summary>
    public static int DeclaredLength(ReadOnlySpan<byte> record)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(record);
        return length is 0 or > MaxRecordBytes ? -1 : (int)length;
    }

    /// <summary>Whether <paramref name="record"/> (header and payload, exactly) carries a correct length and checksum.</summary>
    public static bool IsValidRecord(ReadOnlySpan<byte> record)
    {
        if (record.Length < RecordHeaderSize)
        {
            return false;
        }

        var length = DeclaredLength(record);
        return length == record.Length - RecordHeaderSize
            && BinaryPrimitives.ReadUInt32LittleEndian(record[4..]) == Checksum(record[..4], record[RecordHeaderSize..]);
    }

    /// <summary>How much checksum work a tail scan may do before it gives up (see <see cref="ScanTail"/>).</summary>
    public const long TailScanBudgetBytes = 256L * 1024 * 1024;

    /// <summary>Looks for a complete, valid record starting anywhere in <paramref name="region"/> after its first
    /// byte; used to tell a torn tail (nothing valid follows) from damage in the middle (valid records follow).
    /// Every byte offset is a candidate, so a damaged length field cannot hide the records behind it; the checksum
    /// work is capped by <paramref name="budgetBytes"/> so recovery time stays bounded on adversarial garbage.</summary>
    public static TailScan ScanTail(ReadOnlySpan<byte> region, long budgetBytes = TailScanBudgetBytes)
    {
        long spent = 0;
        for (var start = 1; start + RecordHeaderSize <= region.Length; start++)
        {
            var length = DeclaredLength(region[start..]);
            if (length <= 0 || start + RecordHeaderSize + length > region.Length)
            {
                continue;
            }

            spent += RecordHeaderSize + length;
            if (spent > budgetBytes)
            {
                return TailScan.Inconclusive;
            }

            if (IsValidRecord(region.Slice(start, RecordHeaderSize + length)))
            {
                return TailScan.ValidRecordFollows;
            }
        }

        return TailScan.NothingValidFollows;
    }
}

/// <summary>What follows the first bad record of a segment.</summary>
internal enum TailScan
{
    /// <summary>No valid record: the damage is a torn tail.</summary>
    NothingValidFollows,

    /// <summary>A valid record: the damage is in the middle.</summary>
    ValidRecordFollows,

    /// <summary>The scan ran out of budget; treated as damage in the middle, since cutting would be a guess.</summary>
    Inconclusive,
}
