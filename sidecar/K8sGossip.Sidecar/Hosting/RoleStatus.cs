using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>What the admin port's <c>/status</c> reports: the role, the node's name and its channels.</summary>
/// <param name="Role">peer or orderer.</param>
/// <param name="Name">The node's <c>peer.id</c>.</param>
/// <param name="Channels">Each channel's height (and, for a peer, leadership and mode).</param>
/// <param name="DeliverStreams">The orderer's most recent Deliver streams, oldest first; empty for a peer.</param>
internal sealed record RoleStatus(string Role, string Name, IReadOnlyList<ChannelHeight> Channels, IReadOnlyList<DeliverStreamOpening> DeliverStreams)
{
    /// <summary>The process's memory as the .NET runtime sees it, read when the status is taken.</summary>
    public ProcessMemory Memory { get; } = ProcessMemory.Now();
}

/// <summary>Memory of the sidecar process: what benchmarks and operators need to tell managed from native growth.</summary>
/// <param name="ManagedHeapBytes">Bytes of live and not-yet-collected objects on the GC heap.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="GcCommittedBytes">Memory the GC held committed for its heap, live or not, at its last collection (0 before the first): what the heap costs in resident memory.</param>
/// <param name="AllocatedBytes">Bytes allocated on the GC heap since the process started; its rate is the garbage an idle node makes.</param>
/// <param name="Collections">Garbage collections so far, generation 0, 1 and 2.</param>
/// <param name="GcRegionBytes">The size of the GC's basic heap region, the step in which its heap grows (0 when the
/// runtime does not say).</param>
internal sealed record ProcessMemory(long ManagedHeapBytes, long WorkingSetBytes, long GcCommittedBytes, long AllocatedBytes, IReadOnlyList<int> Collections, long GcRegionBytes)
{
    // Fixed when the runtime starts; read once rather than on every status request.
    private static readonly long RegionBytes =
        GC.GetConfigurationVariables().TryGetValue("GCRegionSize", out var region) && region is long bytes ? bytes : 0;

    /// <summary>The figures now.</summary>
    public static ProcessMemory Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new ProcessMemory(
            GC.GetTotalMemory(forceFullCollection: false),
            process.WorkingSet64,
            GC.GetGCMemoryInfo().TotalCommittedBytes,
            GC.GetTotalAllocatedBytes(precise: false),
            [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            RegionBytes);
    }
}

/// <summary>A channel's height on a node.</summary>
/// <param name="Name">The channel.</param>
/// <param name="Height">Blocks committed (the next block's number).</param>
/// <param name="Leader">Whether a peer leads its organization in the channel; null for the orderer.</param>
/// <param name="Mode">A peer's dissemination mode (gossip, direct, adaptive); null for the orderer.</param>
internal sealed record ChannelHeight(string Name, ulong Height, bool? Leader, string? Mode);
