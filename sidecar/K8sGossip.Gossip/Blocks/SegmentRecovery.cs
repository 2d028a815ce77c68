using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// Rebuilds a block store's index from its segment files on open, verifying every record's length and checksum.
/// A torn tail of the LAST segment (what a crash during an unacknowledged write leaves) is cut and the file flushed;
/// any other damage is reported as <see cref="BlockStoreCorruption"/> and nothing at or after it is indexed.
/// </summary>
internal static partial class SegmentRecovery
{
    private const int ReadBufferSize = 1 << 16;

    /// <summary>The segments found, in order, and the first damage that was not a torn tail.</summary>
    public sealed record Result(List<StoreSegment> Segments, BlockStoreCorruption? Corruption);

    public static async Task<Result> RecoverAsync(string directory, ILogger logger, CancellationToken ct)
    {
        var files = new List<(ulong First, string Path)>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (SegmentFormat.TryParseFileName(Path.GetFileName(path), out var first))
            {
                files.Add((first, path));
            }
        }

        files.Sort((a, b) => a.First.CompareTo(b.First));
        var segments = new List<StoreSegment>();
        ulong expectedFirst = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (first, path) = files[i];
            var isLast = i == files.Count - 1;
            if (first != expectedFirst)
            {
                var cause = $"segment starts at block {first}, expected {expectedFirst} (a segment is missing or misnamed)";
                Log.Corruption(logger, path, 0, expectedFirst, cause);
                return new Result(segments, new BlockStoreCorruption(expectedFirst, path, 0, cause));
            }

            var segment = new StoreSegment(path, first);
            var damage = await ScanAsync(segment, isLast, logger, ct).ConfigureAwait(false);
            if (damage == ScanOutcome.TornCreation)
            {
                File.Delete(path);
                DirectorySync.Flush(directory);
                Log.TornSegmentRemoved(logger, path);
                continue;
            }

            segments.Add(segment);
            if (damage is ScanOutcome.Corrupt { } corrupt)
            {
                Log.Corruption(logger, path, corrupt.Corruption.Offset, corrupt.Corruption.BlockNumber, corrupt.Corruption.Cause);
                return new Result(segments, corrupt.Corruption);
            }

            expectedFirst = segment.EndNumber;
        }

        return new Result(segments, null);
    }

    private static async Task<ScanOutcome> ScanAsync(StoreSegment segment, bool isLast, ILogger logger, CancellationToken ct)
    {
        var stream = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, ReadBufferSize, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var length = stream.Length;
            var header = new byte[SegmentFormat.HeaderSize];
            var headerRead = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            if (headerRead < header.Length || !SegmentFormat.IsValidHeader(header, segment.FirstNumber))
            {
                // A crash between creating a segment and flushing its header leaves at most a header's worth of bytes;
                // a bad header with records behind it is damage.
                return isLast && length <= SegmentFormat.HeaderSize
                    ? ScanOutcome.TornCreation
                    : new ScanOutcome.Corrupt(new BlockStoreCorruption(segment.FirstNumber, segment.Path, 0, "segment header is damaged"));
            }

            var position = (long)SegmentFormat.HeaderSize;
            var recordHeader = new byte[SegmentFormat.RecordHeaderSize];
            var payload = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                while (position < length)
                {
                    (var cause, payload) = await ReadRecordAsync(stream, length - position, recordHeader, payload, ct).ConfigureAwait(false);
                    if (cause is not null)
                    {
                        return await HandleDamageAsync(segment, isLast, position, length, cause, logger, ct).ConfigureAwait(false);
                    }

                    var payloadLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(recordHeader);
                    segment.Add(position, payloadLength);
                    position += SegmentFormat.RecordHeaderSize + payloadLength;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
            }

            segment.Size = position;
            return ScanOutcome.Clean;
        }
    }

    /// <summary>Reads and checks one record at the stream's position; returns why it is invalid (or null) and the
    /// payload buffer, grown when the record needed more room.</summary>
    private static async ValueTask<(string? Cause, byte[] Payload)> ReadRecordAsync(
        FileStream stream, long remaining, byte[] recordHeader, byte[] payload, CancellationToken ct)
    {
        if (remaining < SegmentFormat.RecordHeaderSize)
        {
            return ($"partial record header ({remaining} bytes)", payload);
        }

        await stream.ReadExactlyAsync(recordHeader, ct).ConfigureAwait(false);
        var length = SegmentFormat.DeclaredLength(recordHeader);
        if (length < 0)
        {
            return ("invalid record length", payload);
        }

        if (length > remaining - SegmentFormat.RecordHeaderSize)
        {
            return ($"record of {length} bytes runs past the end of the file", payload);
        }

        if (payload.Length < length)
        {
            ArrayPool<byte>.Shared.Return(payload);
            payload = ArrayPool<byte>.Shared.Rent(length);
        }

        await stream.ReadExactlyAsync(payload.AsMemory(0, length), ct).ConfigureAwait(false);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(recordHeader.AsSpan(4));
        var valid = stored == SegmentFormat.Checksum(recordHeader.AsSpan(0, 4), payload.AsSpan(0, length));
        return (valid ? null : "checksum mismatch", payload);
    }

    private static async Task<ScanOutcome> HandleDamageAsync(
        StoreSegment segment, bool isLast, long position, long length, string cause, ILogger logger, CancellationToken ct)
    {
        var blockNumber = segment.EndNumber;
        segment.Size = position;
        if (!isLast)
        {
            return new ScanOutcome.Corrupt(new BlockStoreCorruption(blockNumber, segment.Path, position, cause));
        }

        var tail = await ScanTailAsync(segment.Path, position, length, ct).ConfigureAwait(false);
        if (tail != TailScan.NothingValidFollows)
        {
            var why = tail == TailScan.ValidRecordFollows ? "valid records follow" : "the tail could not be proven torn";
            return new ScanOutcome.Corrupt(new BlockStoreCorruption(blockNumber, segment.Path, position, $"{cause}; {why}"));
        }

        using (var writer = new FileStream(segment.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            writer.SetLength(position);
            writer.Flush(flushToDisk: true);
        }

        Log.TornTailCut(logger, segment.Path, position, length - position, blockNumber, cause);
        return ScanOutcome.Clean;
    }

    private static async Task<TailScan> ScanTailAsync(string path, long position, long length, CancellationToken ct)
    {
        var tail = new byte[length - position];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        await using (stream.ConfigureAwait(false))
        {
            stream.Position = position;
            await stream.ReadExactlyAsync(tail, ct).ConfigureAwait(false);
        }

        return SegmentFormat.ScanTail(tail);
    }

    private abstract record ScanOutcome
    {
        public static readonly ScanOutcome Clean = new CleanOutcome();
        public static readonly ScanOutcome TornCreation = new TornCreationOutcome();

        public sealed record Corrupt(BlockStoreCorruption Corruption) : ScanOutcome;

        private sealed record CleanOutcome : ScanOutcome;

        private sealed record TornCreationOutcome : ScanOutcome;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
            Message = "Cut the torn tail of block segment {Segment} at offset {Offset} ({Bytes} bytes, from block {BlockNumber}): {Cause}")]
        public static partial void TornTailCut(ILogger logger, string segment, long offset, long bytes, ulong blockNumber, string cause);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Removed block segment {Segment}, whose creation a crash interrupted")]
        public static partial void TornSegmentRemoved(ILogger logger, string segment);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Error,
            Message = "Block store damage in {Segment} at offset {Offset} (block {BlockNumber}): {Cause}; blocks from there on are not served")]
        public static partial void Corruption(ILogger logger, string segment, long offset, ulong blockNumber, string cause);
    }
}
