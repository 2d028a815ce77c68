namespace K8sGossip.Operator.Planning;

/// <summary>The solo orderer of a local network (a sidecar in orderer role).</summary>
/// <param name="Name">Its name, also its identity's common name.</param>
/// <param name="MspId">Its MSP ID.</param>
/// <param name="Endpoint">Deliver and Broadcast endpoint.</param>
/// <param name="AdminEndpoint">Admin and health endpoint.</param>
/// <param name="DataDirectory">Where its blocks and keys live.</param>
/// <param name="CertificateAuthorityDirectory">Where the ordering organization's CA lives.</param>
public sealed record OrdererPlan(string Name, string MspId, Endpoint Endpoint, Endpoint AdminEndpoint, string DataDirectory, string CertificateAuthorityDirectory);
