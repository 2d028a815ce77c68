using System.Text.RegularExpressions;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>Object name rules per kind, with the real validation messages.</summary>
internal static partial class NameRules
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Namespaces are RFC 1123 labels, services DNS-1035 labels, RBAC objects path segments, everything else RFC 1123 subdomains.</summary>
    public static void Validate(ResourceType type, string name)
    {
        var problem = (type.Group, type.Plural) switch
        {
            ("", "namespaces") => Check(name, DnsLabel(), 63, LabelMessage),
            ("", "services") => Check(name, Dns1035Label(), 63, Dns1035Message),
            ("rbac.authorization.k8s.io", _) => PathSegment(name),
            _ => Check(name, DnsSubdomain(), 253, SubdomainMessage),
        };
        if (problem is not null)
        {
            throw ApiErrors.Invalid(type, name, "metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": {problem}");
        }
    }

    private static string? Check(string name, Regex pattern, int maxLength, string message)
    {
        if (name.Length > maxLength)
        {
            return $"must be no more than {maxLength} characters";
        }

        return pattern.IsMatch(name) ? null : message;
    }

    private static string? PathSegment(string name) => name switch
    {
        "." or ".." => $"may not be '{name}'",
        _ when name.Contains('/', StringComparison.Ordinal) => "may not contain '/'",
        _ when name.Contains('%', StringComparison.Ordinal) => "may not contain '%'",
        _ => null,
    };

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();
}
