using System.Text;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Loading;

namespace K8sGossip.Sidecar.Configuration.Documentation;

/// <summary>Generates <c>docs/configuration.md</c> from the key registry, so the documentation cannot drift from what the loader accepts.</summary>
internal static class ConfigurationDocumentation
{
    /// <summary>The repository-relative path of the generated page.</summary>
    public const string RelativePath = "docs/configuration.md";

    /// <summary>The whole page.</summary>
    public static string Generate()
    {
        var md = new StringBuilder();
        md.Append("# Configuration\n\n");
        md.Append("<!-- Generated from the key registry in sidecar/K8sGossip.Sidecar/Configuration/Keys. Do not edit by hand; regenerate with\n");
        md.Append("     UPDATE_DOCS=1 dotnet test tests/K8sGossip.Sidecar.Tests --filter FullyQualifiedName~Configuration.GeneratedFilesTests -->\n\n");
        AppendIntroduction(md);
        foreach (var group in ConfigKeyRegistry.Groups)
        {
            AppendGroup(md, group);
        }

        md.Append("## Rules across keys\n\n");
        md.Append("Settings that are each valid can still contradict each other. These are rejected, with a message naming every key involved, its value and where it was set:\n\n");
        foreach (var rule in ConfigurationConsistency.Documented)
        {
            md.Append("- ").Append(rule).Append('\n');
        }

        md.Append('\n');
        md.Append("## Fabric keys that are not used\n\n");
        md.Append("These Fabric keys are rejected like any unknown key, with the reason:\n\n");
        foreach (var (key, reason) in ConfigKeyRegistry.UnsupportedFabricKeys)
        {
            md.Append("- `").Append(key).Append("`: ").Append(reason).Append(".\n");
        }

        md.Append('\n');
        AppendChannelFile(md);
        return md.ToString();
    }

    private static void AppendIntroduction(StringBuilder md)
    {
        md.Append("""
            The sidecar reads `core.yaml` in Fabric's layout: Fabric's `peer.*` keys where the meaning is the same, and K8sGossip's own keys
            under `k8sgossip`. A complete example, generated from the same registry as this page, is
            `sidecar/K8sGossip.Sidecar/Configuration/core.yaml.example`.

            ## Where values come from

            1. An environment variable, which wins over the file. Fabric's keys map as Fabric's Viper maps them: `CORE_` + the path
               upper-cased with dots turned into underscores (`peer.gossip.pullInterval` → `CORE_PEER_GOSSIP_PULLINTERVAL`,
               `peer.gossip.election.leaderAliveThreshold` → `CORE_PEER_GOSSIP_ELECTION_LEADERALIVETHRESHOLD`). K8sGossip's keys map
               the same way without `CORE_` (`k8sgossip.failureDetection.probeInterval` → `K8SGOSSIP_FAILUREDETECTION_PROBEINTERVAL`).
               An empty variable counts as unset. Lists are written with items separated by spaces or commas.
            2. `core.yaml`. Keys are matched without regard to case, as Viper does; an empty value counts as unset.
            3. The profile chosen by `k8sgossip.profile`: `default` (tuned for Kubernetes; each value that differs from Fabric's says
               why below) or `fabric-defaults` (Fabric's own values, for a Fabric-like baseline).

            Relative paths are resolved against the directory of the file they are written in.

            ## Strictness

            Every problem is reported at once, each naming the key (its full path, or the environment variable) and where the value
            was written:

            - an unknown key in `core.yaml`, or an unknown environment variable starting with `CORE_PEER_GOSSIP_` or `K8SGOSSIP_`,
              with a suggestion of the key that was probably meant (other `CORE_*` variables belong to Fabric's other components and
              are ignored, and so are the service links Kubernetes injects for Services named `k8sgossip-*`, such as
              `K8SGOSSIP_OPERATOR_SERVICE_HOST`);
            - a value of the wrong type, unit or range, with the value and the form expected;
            - a required key that is missing;
            - settings that contradict each other (see "Rules across keys").

            ## Value types

            - **duration**: Go's syntax, as in Fabric: `500ms`, `4s`, `1m30s`, `1h` (units `ns`, `us`, `ms`, `s`, `m`, `h`). A number
              without a unit other than `0` is rejected.
            - **byte size**: a whole number of bytes with an optional unit: `65536`, `512KiB`, `64MiB`, `1GiB` (`KB`, `MB`, `GB`
              count in 1024, as in Fabric's channel configuration).
            - **endpoint**: `host:port`, e.g. `peer0.org1.example.com:7051`, `10.0.0.5:7051`, `[::1]:7051`.
            - **boolean**: `true` or `false` (also Go's `1`, `t`, `T`, `TRUE`, `True`, `0`, `f`, `F`, `FALSE`, `False`).
            - **path**: relative to the directory of the file it is written in.


            """.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    private static void AppendGroup(StringBuilder md, KeyGroup group)
    {
        md.Append("## ").Append(group.Title).Append("\n\n");
        md.Append(group.Introduction).Append("\n\n");
        md.Append("| Key | Type | `default` | `fabric-defaults` | Environment variable |\n");
        md.Append("|---|---|---|---|---|\n");
        foreach (var key in group.Keys)
        {
            md.Append("| `").Append(key.Path).Append("` | ").Append(TypeOf(key))
              .Append(" | ").Append(Show(key.Defaults.Tuned))
              .Append(" | ").Append(Show(key.Defaults.Fabric))
              .Append(" | `").Append(key.EnvironmentVariable).Append("` |\n");
        }

        md.Append('\n');
        foreach (var key in group.Keys)
        {
            md.Append("- **`").Append(key.Path).Append("`**: ").Append(key.Description);
            if (key.WhyTuned.Length > 0)
            {
                md.Append(" *Why ").Append(Show(key.Defaults.Tuned)).Append(":* ").Append(key.WhyTuned);
            }

            md.Append('\n');
        }

        md.Append('\n');
    }

    private static void AppendChannelFile(StringBuilder md)
    {
        md.Append("## Channel configuration file\n\n");
        md.Append("`k8sgossip.channelsFile` names a YAML file listing the channels the sidecar serves and the CA of every organization involved. ");
        md.Append("It is read as strictly as `core.yaml`: unknown fields (with a suggestion), bad values and contradictions are all reported at once. ");
        md.Append("An example is `sidecar/K8sGossip.Sidecar/Configuration/channels.yaml.example`.\n\n");
        md.Append("| Field | Type | Default | Meaning |\n");
        md.Append("|---|---|---|---|\n");
        foreach (var field in ChannelFileSchema.Fields)
        {
            md.Append("| `").Append(field.Path).Append("` | ").Append(field.Type).Append(" | ").Append(field.Default)
              .Append(" | ").Append(field.Description).Append(" |\n");
        }
    }

    private static string TypeOf(ConfigKey key) => key.Constraint.Length == 0 ? key.TypeName : $"{key.TypeName}: {key.Constraint}";

    private static string Show(string? value) => value switch
    {
        null => "required",
        "" => "(empty)",
        _ => $"`{value}`",
    };
}
