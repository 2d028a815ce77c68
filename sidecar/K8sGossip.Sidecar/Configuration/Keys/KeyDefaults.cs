using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>A key's default under each profile, as the user would write it; no default means the key is required.</summary>
/// <param name="Tuned">The default of the <c>default</c> profile, or null when required.</param>
/// <param name="Fabric">The default of the <c>fabric-defaults</c> profile, or null when required.</param>
/// <param name="Example">The value the example configuration shows for a required key.</param>
internal sealed record KeyDefaults(string? Tuned, string? Fabric, string? Example = null)
{
    /// <summary>Whether the user must set the key.</summary>
    public bool IsRequired => Tuned is null || Fabric is null;

    /// <summary>Whether the two profiles agree.</summary>
    public bool ProfilesAgree => string.Equals(Tuned, Fabric, StringComparison.Ordinal);

    /// <summary>The same default under both profiles.</summary>
    public static KeyDefaults Same(string value) => new(value, value);

    /// <summary>Our tuned default and Fabric's.</summary>
    public static KeyDefaults Differ(string tuned, string fabric) => new(tuned, fabric);

    /// <summary>No default; <paramref name="example"/> is shown in the example configuration.</summary>
    public static KeyDefaults Required(string example) => new(null, null, example);

    /// <summary>The default under <paramref name="profile"/>.</summary>
    public string? For(ConfigurationProfile profile) => profile == ConfigurationProfile.FabricDefaults ? Fabric : Tuned;
}
