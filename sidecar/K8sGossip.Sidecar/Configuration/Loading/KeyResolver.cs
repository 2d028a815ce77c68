using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Chooses the profile, fills every key not set by the user from it, and parses every value, recording each failure.</summary>
internal static class KeyResolver
{
    /// <summary>Resolves every registered key.</summary>
    public static ResolvedValues Resolve(IReadOnlyDictionary<ConfigKey, RawValue> written, ParseContext context, ConfigurationErrorList errors)
    {
        var profile = ChooseProfile(written, context, errors);
        var profileName = SidecarKeys.Profile.Format(profile);
        var values = new ResolvedValues(profile);
        foreach (var key in ConfigKeyRegistry.All)
        {
            if (!written.TryGetValue(key, out var raw))
            {
                var fallback = key.Defaults.For(profile);
                if (fallback is null)
                {
                    errors.Add(key.Path, $"is required; expected {key.ExpectedForm}. Set it in core.yaml or with the environment variable {key.EnvironmentVariable}");
                    values.SetFailed(key, null);
                    continue;
                }

                raw = RawValue.Scalar(fallback, $"default of profile '{profileName}'", isExplicit: false);
            }

            if (key.TryParse(raw, context, out var value, out var problem))
            {
                values.SetValid(key, value, raw);
            }
            else
            {
                errors.Add(key.Path, $"has the value '{raw.Text}', which is not valid: {problem}", raw.Source);
                values.SetFailed(key, raw);
            }
        }

        return values;
    }

    private static ConfigurationProfile ChooseProfile(IReadOnlyDictionary<ConfigKey, RawValue> written, ParseContext context, ConfigurationErrorList errors)
    {
        if (!written.TryGetValue(SidecarKeys.Profile, out var raw))
        {
            return ConfigurationProfile.Default;
        }

        // A bad profile is reported when the key itself is parsed; the tuned defaults are used meanwhile so other errors still show.
        return SidecarKeys.Profile.TryParse(raw, context, out var value, out _) && value is ConfigurationProfile profile
            ? profile
            : ConfigurationProfile.Default;
    }
}
