using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>One configuration key: its path, type, defaults per profile, validation and documentation. The loader, the validation and the generated documentation all read these.</summary>
internal abstract class ConfigKey
{
    /// <summary>Creates a key.</summary>
    protected ConfigKey(string path, KeyDefaults defaults, string description, string whyTuned)
    {
        Path = path;
        Defaults = defaults;
        Description = description;
        WhyTuned = whyTuned;
        EnvironmentVariable = EnvironmentVariableFor(path);
    }

    /// <summary>The full dotted path, e.g. <c>peer.gossip.pullInterval</c>.</summary>
    public string Path { get; }

    /// <summary>The environment variable that overrides the key, e.g. <c>CORE_PEER_GOSSIP_PULLINTERVAL</c>.</summary>
    public string EnvironmentVariable { get; }

    /// <summary>The defaults per profile.</summary>
    public KeyDefaults Defaults { get; }

    /// <summary>What the key does.</summary>
    public string Description { get; }

    /// <summary>Why the <c>default</c> profile's value differs from Fabric's (empty when it does not).</summary>
    public string WhyTuned { get; }

    /// <summary>The documented type.</summary>
    public abstract string TypeName { get; }

    /// <summary>The accepted range or choices.</summary>
    public abstract string Constraint { get; }

    /// <summary>The form error messages ask for.</summary>
    public abstract string ExpectedForm { get; }

    /// <summary>Whether the value is a list.</summary>
    public abstract bool IsList { get; }

    /// <summary>Viper's mapping: <c>CORE_</c> for the <c>peer</c> tree, then the path upper-cased with dots turned into underscores.</summary>
    public static string EnvironmentVariableFor(string path)
    {
        var upper = path.ToUpperInvariant().Replace('.', '_');
        return path.StartsWith("peer.", StringComparison.Ordinal) ? "CORE_" + upper : upper;
    }

    /// <summary>Parses a raw value into the key's type.</summary>
    public abstract bool TryParse(RawValue raw, ParseContext context, out object? value, out string problem);

    /// <summary>Prints a parsed value of this key.</summary>
    public abstract string Format(object? value);

    /// <inheritdoc/>
    public override string ToString() => Path;
}

/// <summary>A key whose parsed value is a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The parsed type.</typeparam>
internal sealed class ConfigKey<T> : ConfigKey
{
    private readonly ValueParser<T> parser;

    /// <summary>Creates a key.</summary>
    public ConfigKey(string path, ValueParser<T> parser, KeyDefaults defaults, string description, string whyTuned = "")
        : base(path, defaults, description, whyTuned)
    {
        this.parser = parser;
    }

    /// <inheritdoc/>
    public override string TypeName => parser.TypeName;

    /// <inheritdoc/>
    public override string Constraint => parser.Constraint;

    /// <inheritdoc/>
    public override string ExpectedForm => parser.ExpectedForm;

    /// <inheritdoc/>
    public override bool IsList => parser.IsList;

    /// <inheritdoc/>
    public override bool TryParse(RawValue raw, ParseContext context, out object? value, out string problem)
    {
        var ok = parser.TryParse(raw, context, out var typed, out problem);
        value = typed;
        return ok;
    }

    /// <inheritdoc/>
    public override string Format(object? value) => value is T typed ? parser.Format(typed) : string.Empty;
}
