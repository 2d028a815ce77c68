using System.Globalization;
using System.Text.Json.Serialization;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>A value that is either an integer or a string, such as a port number or name, or a percentage.</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    /// <summary>Creates an integer value.</summary>
    public IntOrString(int value)
    {
        IntValue = value;
        StringValue = null;
    }

    /// <summary>Creates a string value.</summary>
    public IntOrString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        IntValue = null;
        StringValue = value;
    }

    /// <summary>The integer value, when this is an integer.</summary>
    public int? IntValue { get; }

    /// <summary>The string value, when this is a string.</summary>
    public string? StringValue { get; }

    /// <summary>Converts an integer.</summary>
    public static implicit operator IntOrString(int value) => new(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator IntOrString(string value) => new(value);

    /// <summary>Creates an integer value.</summary>
    public static IntOrString FromInt32(int value) => new(value);

    /// <inheritdoc />
    public override string ToString() => StringValue ?? IntValue?.ToString(CultureInfo.InvariantCulture) ?? "";
}
