using System.Globalization;

namespace K8sGossip.Operator.Planning;

/// <summary>Renders bad values in field errors the way Kubernetes does: strings quoted, numbers plain.</summary>
internal static class Quoted
{
    public static string Text(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
