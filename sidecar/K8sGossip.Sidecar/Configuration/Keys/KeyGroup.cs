namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>A documented group of keys (one section of <c>docs/configuration.md</c>).</summary>
/// <param name="Title">The section title.</param>
/// <param name="Introduction">A paragraph introducing the section.</param>
/// <param name="Keys">The keys, in documentation order.</param>
internal sealed record KeyGroup(string Title, string Introduction, IReadOnlyList<ConfigKey> Keys);
