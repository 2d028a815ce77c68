using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>One Deliver stream a server accepted: who asked for which channel from which block.</summary>
/// <param name="Caller">The common name of the caller's client certificate, or <c>anonymous</c>.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Start">The first block asked for.</param>
/// <param name="Follow">Whether the stream follows new blocks.</param>
/// <param name="At">When it was accepted.</param>
public sealed record DeliverStreamOpening(string Caller, string Channel, ulong Start, bool Follow, DateTimeOffset At);

/// <summary>
/// The most recent Deliver streams a server accepted, oldest first. Operators read it from the admin port's
/// <c>/status</c> to see who catches up from where, e.g. that a restarted peer resumes from its own height.
/// </summary>
public sealed class DeliverStreamLog
{
    /// <summary>How many openings are kept.</summary>
    public const int Capacity = 1000;

    private readonly Queue<DeliverStreamOpening> _openings = new();
    private readonly Lock _lock = new();

    /// <summary>Records an accepted stream.</summary>
    public void Record(X509Certificate2? caller, string channel, ulong start, bool follow, DateTimeOffset at)
    {
        var name = caller?.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var opening = new DeliverStreamOpening(string.IsNullOrEmpty(name) ? "anonymous" : name, channel, start, follow, at);
        lock (_lock)
        {
            if (_openings.Count == Capacity)
            {
                _openings.Dequeue();
            }

            _openings.Enqueue(opening);
        }
    }

    /// <summary>The openings kept, oldest first.</summary>
    public IReadOnlyList<DeliverStreamOpening> Snapshot()
    {
        lock (_lock)
        {
            return [.. _openings];
        }
    }
}
