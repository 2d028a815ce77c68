using System.Text.RegularExpressions;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>Short factories for the parsers the key tables use.</summary>
internal static partial class Parse
{
    /// <summary>A Go duration from <paramref name="min"/> to <paramref name="max"/> (both in Go syntax).</summary>
    public static DurationParser Duration(string min, string max) => new(Go(min), Go(max));

    /// <summary>A whole number in a range.</summary>
    public static IntegerParser Integer(int min, int max) => new(min, max);

    /// <summary>A decimal number in a range.</summary>
    public static NumberParser Number(double min, double max) => new(min, max);

    /// <summary>A byte size in a range (both in byte-size syntax).</summary>
    public static ByteSizeParser Bytes(string min, string max) => new(Size(min), Size(max));

    /// <summary>A boolean.</summary>
    public static BooleanParser Boolean() => new();

    /// <summary>A boolean that only supports <c>true</c>, for the reason given.</summary>
    public static BooleanParser OnlyTrue(string reason) => new(true, reason);

    /// <summary>A required endpoint.</summary>
    public static EndpointParser Endpoint() => new(allowEmpty: false);

    /// <summary>An endpoint that may be empty (null).</summary>
    public static EndpointParser OptionalEndpoint() => new(allowEmpty: true);

    /// <summary>A list of endpoints.</summary>
    public static ListParser<HostPort?> Endpoints() => new(new EndpointParser(allowEmpty: false));

    /// <summary>A path resolved against the configuration file's directory.</summary>
    public static FilePathParser FilePath() => new(allowEmpty: false);

    /// <summary>A path that may be empty.</summary>
    public static FilePathParser OptionalFilePath() => new(allowEmpty: true);

    /// <summary>A list of paths.</summary>
    public static ListParser<string> FilePaths() => new(new FilePathParser(allowEmpty: false));

    /// <summary>An MSP ID as Fabric accepts them.</summary>
    public static TextParser MspId() => new("an MSP ID of letters, digits, '.', '_' and '-', such as Org1MSP", MspIdPattern(), allowEmpty: false);

    /// <summary>A name without spaces.</summary>
    public static TextParser Name() => new("a name without spaces, such as peer0.org1.example.com", NamePattern(), allowEmpty: false);

    /// <summary>A Kubernetes namespace name that may be empty.</summary>
    public static TextParser OptionalNamespace() => new("a Kubernetes namespace name (lower-case letters, digits and '-')", NamespacePattern(), allowEmpty: true);

    /// <summary>An absolute https URL that may be empty.</summary>
    public static HttpsUrlParser OptionalHttpsUrl() => new();

    /// <summary>One of the given names.</summary>
    public static ChoiceParser<T> Choice<T>(params (string Name, T Value)[] choices) =>
        new([.. choices.Select(c => KeyValuePair.Create(c.Name, c.Value))]);

    /// <summary>One of the given names, or empty for <paramref name="emptyValue"/>.</summary>
    public static ChoiceParser<T> OptionalChoice<T>(T emptyValue, params (string Name, T Value)[] choices) =>
        new([.. choices.Select(c => KeyValuePair.Create(c.Name, c.Value))], allowEmpty: true, emptyValue);

    private static TimeSpan Go(string text) =>
        GoDuration.TryParse(text, out var value) ? value : throw new ArgumentException($"Bad duration literal '{text}'.", nameof(text));

    private static long Size(string text) =>
        ByteSize.TryParse(text, out var value) ? value : throw new ArgumentException($"Bad size literal '{text}'.", nameof(text));

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MspIdPattern();

    [GeneratedRegex(@"^\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePattern();
}
