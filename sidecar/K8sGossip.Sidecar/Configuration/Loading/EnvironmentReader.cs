using System.Text.RegularExpressions;
using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>
/// Applies environment overrides as Fabric's Viper maps them: <c>CORE_</c> + the <c>peer.*</c> path upper-cased with dots turned
/// into underscores, and <c>K8SGOSSIP_</c> + the rest for K8sGossip's keys. An empty variable counts as unset (Viper's default).
/// Unknown variables under <c>CORE_PEER_GOSSIP_</c> or <c>K8SGOSSIP_</c> are errors; other <c>CORE_*</c> variables belong to
/// Fabric's other components and are ignored, and so are the service links Kubernetes injects for Services whose name starts
/// with <c>k8sgossip-</c> (<c>K8SGOSSIP_OPERATOR_SERVICE_HOST</c>, <c>K8SGOSSIP_OPERATOR_PORT_443_TCP</c>, ...).
/// </summary>
internal static partial class EnvironmentReader
{
    /// <summary>Overrides <paramref name="values"/> with the variables in <paramref name="environment"/>.</summary>
    public static void Read(IReadOnlyDictionary<string, string?> environment, Dictionary<ConfigKey, RawValue> values, ConfigurationErrorList errors)
    {
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var key = ConfigKeyRegistry.FindByEnvironmentVariable(name);
            if (key is not null)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    values[key] = RawValue.Scalar(value, $"environment variable {name}");
                }

                continue;
            }

            if (ConfigKeyRegistry.StrictEnvironmentPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) &&
                !ServiceLinkPattern().IsMatch(name))
            {
                errors.Add(name, "is not a known configuration variable" + KeySuggestions.ForEnvironmentVariable(name), "environment");
            }
        }
    }

    [GeneratedRegex(@"_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT|PORT_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceLinkPattern();
}
