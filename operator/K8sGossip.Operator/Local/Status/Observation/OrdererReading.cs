namespace K8sGossip.Operator.Local.Status;

/// <summary>The orderer's admin <c>/status</c> as read in one round.</summary>
/// <param name="Answered">Whether the orderer answered with a status it could parse.</param>
/// <param name="Heights">Its height per channel; empty when it did not answer.</param>
internal sealed record OrdererReading(bool Answered, IReadOnlyDictionary<string, ulong> Heights)
{
    /// <summary>An orderer that did not answer.</summary>
    public static OrdererReading Silent { get; } = new(false, new Dictionary<string, ulong>());
}
