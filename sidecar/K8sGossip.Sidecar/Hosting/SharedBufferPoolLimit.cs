using System.Globalization;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>Caps how many arrays of each size the runtime's shared <c>ArrayPool</c> keeps per core, before anything
/// in the process uses it.</summary>
/// <remarks>The runtime keeps up to 32 arrays per size per core and trims them only under memory pressure. A peer
/// that starts leading many channels opens their Deliver streams together, each borrowing HTTP/2, TLS and pipe buffers
/// at the same moment, and afterwards the pool holds 32 × cores of each of those sizes for good: 3.3 MB on two cores,
/// more than 20 KiB per channel of a peer on 150 idle channels. Eight per core still covers a busy peer's concurrent
/// borrowing. The runtime reads the variable once, on the pool's first use, so this runs first in <c>Main</c>; a value
/// the operator set in the environment is left as it is.</remarks>
public static class SharedBufferPoolLimit
{
    /// <summary>The runtime's environment variable.</summary>
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays kept per size per core unless the environment says otherwise.</summary>
    public const int ArraysPerCore = 8;

    /// <summary>Sets <see cref="Variable"/> to <see cref="ArraysPerCore"/> unless it is already set; returns the value in effect.</summary>
    public static string Apply()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var value = ArraysPerCore.ToString(CultureInfo.InvariantCulture);
        Environment.SetEnvironmentVariable(Variable, value);
        return value;
    }
}
