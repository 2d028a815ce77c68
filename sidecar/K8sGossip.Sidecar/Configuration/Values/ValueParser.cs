namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Turns a <see cref="RawValue"/> into a typed value and describes the accepted form for the documentation and error messages.</summary>
/// <typeparam name="T">The typed value.</typeparam>
internal abstract class ValueParser<T>
{
    /// <summary>The type as documented, e.g. <c>duration</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>The accepted range or choices, empty when any value of the type is accepted.</summary>
    public virtual string Constraint => string.Empty;

    /// <summary>Whether the value is a list.</summary>
    public virtual bool IsList => false;

    /// <summary>The form an error message asks for.</summary>
    public abstract string ExpectedForm { get; }

    /// <summary>Parses <paramref name="raw"/>; on failure <paramref name="problem"/> says what is wrong.</summary>
    public abstract bool TryParse(RawValue raw, ParseContext context, out T value, out string problem);

    /// <summary>Prints a parsed value for messages.</summary>
    public abstract string Format(T value);
}
