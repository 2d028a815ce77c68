using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// The durable, append-only chain of one channel on one node: segment files of checksummed records in one directory
/// (format and recovery policy in Blocks/README.md). Blocks are appended strictly in order and are on disk (fsync)
/// before an append returns; a batch shares one fsync. Every read verifies the record's checksum.
/// Safe for one writer and many concurrent readers.
/// </summary>
public sealed partial class BlockStore : IAsyncDisposable
{
    private readonly string _directory;
    private readonly BlockOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _indexLock = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<StoreSegment> _segments = [];
    private readonly ConcurrentDictionary<ulong, ReadOnlyMemory<byte>> _cache = new();
    private SafeFileHandle? _writer;
    private ChainTip _tip = ChainTip.Empty;
    private BlockStoreCorruption? _corruption;
    private bool _faulted;
    private bool _disposed;

    private BlockStore(string directory, BlockOptions options, ILogger logger)
    {
        _directory = directory;
        _options = options;
        _logger = logger;
    }

    /// <summary>The directory holding the segment files.</summary>
    public string Directory => _directory;

    /// <summary>The end of the stored chain.</summary>
    public ChainTip Tip => Volatile.Read(ref _tip);

    /// <summary>How many blocks are stored (the next block number to append). After damage, the valid prefix.</summary>
    public ulong Height => Tip.Height;

    /// <summary>The first damage found (on open or on a read), or null. While set, nothing is appended.</summary>
    public BlockStoreCorruption? Corruption => Volatile.Read(ref _corruption);

    /// <summary>True after a write failed; the store must be reopened, which cuts whatever the failed write left.</summary>
    public bool IsFaulted => Volatile.Read(ref _faulted);

    /// <summary>Opens (or creates) the store in <paramref name="directory"/>, rebuilding the index from the segment
    /// files and cutting a torn tail.</summary>
    public static async Task<BlockStore> OpenAsync(string directory, BlockOptions options, ILogger<BlockStore>? logger = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            System.IO.Directory.CreateDirectory(full);
            if (Path.GetDirectoryName(full) is { } parent)
            {
                DirectorySync.Flush(parent);
            }
        }

        var store = new BlockStore(full, options, (ILogger?)logger ?? NullLogger.Instance);
        await store.LoadAsync(ct).ConfigureAwait(false);
        return store;
    }

    /// <summary>Appends one block; it must be block <see cref="Height"/> and link to the last header hash.</summary>
    public ValueTask<BlockRejection> AppendAsync(Block block, CancellationToken ct) => AppendAsync(EncodedBlock.FromBlock(block), ct);

    /// <summary>Appends one already encoded block.</summary>
    public ValueTask<BlockRejection> AppendAsync(EncodedBlock block, CancellationToken ct) => AppendBatchAsync([block], ct);

    /// <summary>Appends consecutive blocks with one fsync (group commit). The whole batch is checked first: if any
    /// block is out of order or does not link, nothing is written and that block's reason is returned.
    /// Returns <see cref="BlockRejection.StorageFault"/> while the store holds damage or after a failed write;
    /// an I/O error during the write is thrown and leaves the store faulted.</summary>
    public async ValueTask<BlockRejection> AppendBatchAsync(IReadOnlyList<EncodedBlock> blocks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return BlockRejection.None;
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_corruption is not null || _faulted || _writer is null)
            {
                return BlockRejection.StorageFault;
            }

            var tip = _tip;
            var height = tip.Height;
            var last = tip.LastHeaderHash;
            foreach (var block in blocks)
            {
                if (block.Size > _options.MaxBlockBytes)
                {
                    return BlockRejection.Oversize;
                }

                var link = BlockVerifier.CheckLink(block, height, last.Span, out _);
                if (link != BlockRejection.None)
                {
                    return link;
                }

                height++;
                last = block.HeaderHash;
            }

            try
            {
                await WriteAsync(blocks).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _faulted = true;
                Log.WriteFailed(_logger, _directory, ex);
                throw;
            }

            return BlockRejection.None;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads block <paramref name="number"/>, verifying its checksum; damaged bytes are never returned.</summary>
    public async ValueTask<BlockReadResult> TryReadAsync(ulong number, CancellationToken ct)
    {
        if (!TryLocate(number, out var path, out var offset, out var length, out var status, out var cached))
        {
            return status == BlockReadStatus.Corrupt ? BlockReadResult.Corrupt : BlockReadResult.NotFound;
        }

        if (!cached.IsEmpty)
        {
            return new BlockReadResult(BlockReadStatus.Found, cached);
        }

        using var handle = OpenForRead(path);
        return await ReadRecordAsync(handle, number, path, offset, length, ct).ConfigureAwait(false);
    }

    /// <summary>Streams blocks <paramref name="from"/> to <paramref name="toInclusive"/> (clamped to the height), each
    /// checksum-verified. Throws <see cref="BlockStoreCorruptionException"/> on reaching a damaged record.</summary>
    public async IAsyncEnumerable<StoredBlock> ReadRangeAsync(ulong from, ulong toInclusive, [EnumeratorCancellation] CancellationToken ct)
    {
        string? openPath = null;
        SafeFileHandle? handle = null;
        try
        {
            for (var number = from; number <= toInclusive && number < Height; number++)
            {
                ct.ThrowIfCancellationRequested();
                if (!TryLocate(number, out var path, out var offset, out var length, out var status, out var cached))
                {
                    if (status == BlockReadStatus.Corrupt)
                    {
                        throw new BlockStoreCorruptionException(Corruption ?? new BlockStoreCorruption(number, path, offset, "damaged"));
                    }

                    yield break;
                }

                if (!cached.IsEmpty)
                {
                    yield return new StoredBlock(number, cached);
                    continue;
                }

                if (!string.Equals(openPath, path, StringComparison.Ordinal))
                {
                    handle?.Dispose();
                    handle = OpenForRead(path);
                    openPath = path;
                }

                var result = await ReadRecordAsync(handle!, number, path, offset, length, ct).ConfigureAwait(false);
                if (result.Status != BlockReadStatus.Found)
                {
                    throw new BlockStoreCorruptionException(Corruption ?? new BlockStoreCorruption(number, path, offset, "damaged"));
                }

                yield return new StoredBlock(number, result.Bytes);
            }
        }
        finally
        {
            handle?.Dispose();
        }
    }

    /// <summary>
    /// The operator's repair for reported damage: deletes every record from the damaged one on (truncating its
    /// segment and removing later segments), so the store resumes at the valid prefix and catch-up fetches the
    /// discarded blocks again from peers. Never called automatically: committed blocks are discarded only by choice.
    /// Must not run concurrently with reads.
    /// </summary>
    public async Task DiscardCorruptSuffixAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var corruption = _corruption;
            if (corruption is null)
            {
                return;
            }

            _writer?.Dispose();
            _writer = null;
            var damagedFirst = SegmentFormat.TryParseFileName(Path.GetFileName(corruption.SegmentPath), out var first) ? first : corruption.BlockNumber;
            foreach (var path in System.IO.Directory.EnumerateFiles(_directory))
            {
                if (SegmentFormat.TryParseFileName(Path.GetFileName(path), out var number) && number > damagedFirst)
                {
                    File.Delete(path);
                }
            }

            if (corruption.Offset <= SegmentFormat.HeaderSize)
            {
                File.Delete(corruption.SegmentPath);
            }
            else if (File.Exists(corruption.SegmentPath))
            {
                using var stream = new FileStream(corruption.SegmentPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                stream.SetLength(corruption.Offset);
                stream.Flush(flushToDisk: true);
            }

            DirectorySync.Flush(_directory);
            Log.SuffixDiscarded(_logger, _directory, corruption.BlockNumber);
            _cache.Clear();
            _faulted = false;
            Volatile.Write(ref _corruption, null);
            await LoadAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _writer?.Dispose();
                _writer = null;
                _cache.Clear();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static SafeFileHandle OpenForRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2111, Level = LogLevel.Error, Message = "Block store {Directory}: a write failed; the store refuses appends until reopened")]
        public static partial void WriteFailed(ILogger logger, string directory, Exception exception);

        [LoggerMessage(EventId = 2112, Level = LogLevel.Error,
            Message = "Block store {Directory}: block {BlockNumber} in {Segment} at offset {Offset} is damaged ({Cause}); it and later blocks are not served")]
        public static partial void ReadCorruption(ILogger logger, string directory, ulong blockNumber, string segment, long offset, string cause);

        [LoggerMessage(EventId = 2113, Level = LogLevel.Warning,
            Message = "Block store {Directory}: discarded every block from {BlockNumber} on, as asked, to repair damage")]
        public static partial void SuffixDiscarded(ILogger logger, string directory, ulong blockNumber);

        [LoggerMessage(EventId = 2114, Level = LogLevel.Information, Message = "Block store {Directory} opened at height {Height} with {Segments} segments")]
        public static partial void Opened(ILogger logger, string directory, ulong height, int segments);
    }
}
