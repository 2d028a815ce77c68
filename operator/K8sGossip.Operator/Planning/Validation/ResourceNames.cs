using System.Text.RegularExpressions;

namespace K8sGossip.Operator.Planning;

/// <summary>Name rules that follow from how names are used: pod and Service names, DNS labels, Fabric channel IDs.</summary>
internal static partial class ResourceNames
{
    /// <summary>
    /// Longest Organization name: its StatefulSet's pods carry a <c>controller-revision-hash</c> label of the name plus
    /// 11 characters, and per-peer Services are named <c>&lt;org&gt;-&lt;ordinal&gt;-external</c>, all within 63.
    /// </summary>
    public const int MaxOrganizationName = 50;

    /// <summary>Longest Fabric channel ID.</summary>
    public const int MaxChannelName = 249;

    /// <summary>Longest object name.</summary>
    public const int MaxObjectName = 253;

    /// <summary>Longest namespace (a DNS label).</summary>
    public const int MaxNamespace = 63;

    public static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel().IsMatch(name);

    public static bool IsDnsSubdomain(string name) => name.Length <= MaxObjectName && DnsSubdomain().IsMatch(name);

    public static bool IsChannelName(string name) => name.Length <= MaxChannelName && ChannelName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();
}
