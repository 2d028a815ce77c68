namespace K8sGossip.Gossip.Blocks;

/// <summary>Why a block was refused; every path (push, pull, state transfer, deliver) counts refusals by this reason.</summary>
public enum BlockRejection
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The bytes do not decode as a block, or a required part (header, metadata, hash, signer) is missing or mis-sized.</summary>
    Malformed,

    /// <summary>Larger than the configured maximum block size; refused before decoding.</summary>
    Oversize,

    /// <summary>The header names another channel.</summary>
    WrongChannel,

    /// <summary>The header's data hash does not match the block's data.</summary>
    DataHashMismatch,

    /// <summary>Signed by an identity that is not a trusted orderer of the channel.</summary>
    UnknownOrderer,

    /// <summary>The orderer signature does not verify over the header hash.</summary>
    BadSignature,

    /// <summary>The previous-hash link does not name the header hash of the block before it.</summary>
    BrokenChain,

    /// <summary>Too far ahead of the committed height (beyond the reorder window); it will be fetched later.</summary>
    Gap,

    /// <summary>Already committed or already waiting to be committed.</summary>
    Duplicate,

    /// <summary>The reorder buffer or the commit queue is full (count or bytes).</summary>
    Overflow,

    /// <summary>The sequence number it was delivered under differs from its header number.</summary>
    SequenceMismatch,

    /// <summary>The block store could not make it durable (I/O error or a store that found corruption).</summary>
    StorageFault,
}
