namespace K8sGossip.Operator.Local.Load;

/// <summary>What the transaction stream achieved so far.</summary>
/// <param name="Accepted">Transactions the orderer put in a durable block.</param>
/// <param name="Failed">Submissions refused or failed (the orderer down, a timeout).</param>
/// <param name="Skipped">Due transactions not sent because too many submissions were waiting.</param>
internal sealed record LoadCounters(long Accepted, long Failed, long Skipped);
