using System.Globalization;
using System.Text.RegularExpressions;
using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Loading;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;
using YamlDotNet.RepresentationModel;

namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>Reads the channel file strictly: unknown fields (with a suggestion), values of the wrong type and contradictions with the sidecar's configuration are all recorded.</summary>
internal sealed partial class ChannelFileReader
{
    private const int DefaultThreshold = 10;
    private readonly SidecarConfiguration core;
    private readonly ParseContext context;
    private readonly ConfigurationErrorList errors;
    private readonly StrictYamlReader yaml;
    private readonly ScalarParser<string> mspIdParser = Parse.MspId();
    private readonly EndpointParser endpointParser = Parse.Endpoint();
    private readonly IntegerParser thresholdParser = Parse.Integer(1, 1_000_000);
    private readonly FilePathParser pathParser = Parse.FilePath();
    private readonly ChoiceParser<BlockDisseminationMode> disseminationParser = Parse.Choice(
        ("gossip", BlockDisseminationMode.Gossip), ("direct", BlockDisseminationMode.Direct), ("adaptive", BlockDisseminationMode.Adaptive));

    private readonly ChoiceParser<LeaderElectionMode> electionParser = Parse.Choice(
        ("static", LeaderElectionMode.Static), ("dynamic", LeaderElectionMode.Dynamic), ("lease", LeaderElectionMode.Lease));

    /// <summary>Creates a reader for one file.</summary>
    public ChannelFileReader(string sourceName, SidecarConfiguration core, ConfigurationErrorList errors)
    {
        this.core = core;
        this.errors = errors;
        yaml = new StrictYamlReader(sourceName, errors);
        context = new ParseContext(Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? Directory.GetCurrentDirectory());
    }

    /// <summary>Reads the file's root mapping.</summary>
    public ChannelConfiguration Read(YamlMappingNode root)
    {
        var fields = yaml.Fields(root, string.Empty, string.Empty);
        var channels = new List<ChannelDefinition>();
        if (!fields.TryGetValue("channels", out var channelsNode))
        {
            errors.Add("channels", "is required: list the channels this sidecar serves", yaml.Where(root));
        }
        else if (channelsNode is YamlSequenceNode sequence)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                if (sequence.Children[i] is YamlMappingNode channel)
                {
                    if (ReadChannel(channel, i) is { } definition)
                    {
                        channels.Add(definition);
                    }
                }
                else
                {
                    errors.Add($"channels[{i}]", "expected a mapping with name, organizations, ...", yaml.Where(sequence.Children[i]));
                }
            }
        }
        else if (!StrictYamlReader.IsNull(channelsNode))
        {
            errors.Add("channels", "expected a list of channels", yaml.Where(channelsNode));
        }

        var trustBundle = ReadTrustBundle(fields.GetValueOrDefault("trustBundle"), root);
        CheckAcrossChannels(channels, trustBundle);
        return new ChannelConfiguration(channels, trustBundle);
    }

    private ChannelDefinition? ReadChannel(YamlMappingNode node, int index)
    {
        var fields = yaml.Fields(node, "channels[]", $"channels[{index}]");
        var name = yaml.Scalar(fields, "name", $"channels[{index}]", node, required: true) ?? string.Empty;
        var display = $"channels[{index}]";
        if (name.Length > 0)
        {
            if (name.Length > ChannelFileSchema.MaxNameLength || !ChannelNamePattern().IsMatch(name))
            {
                errors.Add($"{display}.name", $"has the value '{name}', which is not valid: expected lower-case letters, digits, '.' and '-', starting with a letter, at most {ChannelFileSchema.MaxNameLength} characters", yaml.Where(fields["name"]));
            }
            else
            {
                display = $"channels[{name}]";
            }
        }

        var organizations = ReadOrganizations(fields, display, node);
        var anchors = ReadAnchors(fields.GetValueOrDefault("anchorPeers"), display, organizations);
        var orderers = ReadEndpoints(fields.GetValueOrDefault("ordererEndpoints"), $"{display}.ordererEndpoints");
        var (mode, threshold, election) = ReadModes(fields, display);
        if (core.Role == SidecarRole.Peer)
        {
            if (organizations.Count > 0 && !organizations.Contains(core.Peer.MspId, StringComparer.Ordinal))
            {
                errors.Add($"{display}.organizations", $"does not include this peer's organization (peer.localMspId = {core.Peer.MspId}); a peer can only join channels of its organization", yaml.Where(node));
            }

            if ((orderers is null || orderers.Count == 0) && core.Orderer.Endpoints.Count == 0)
            {
                errors.Add($"{display}.ordererEndpoints", "is empty and k8sgossip.orderer.endpoints is empty too; the channel's blocks need an orderer to come from", yaml.Where(node));
            }
        }

        return new ChannelDefinition(name, organizations, anchors, orderers is { Count: > 0 } ? orderers : core.Orderer.Endpoints, mode, threshold, election);
    }

    private List<string> ReadOrganizations(Dictionary<string, YamlNode> fields, string display, YamlNode channel)
    {
        var key = $"{display}.organizations";
        var organizations = new List<string>();
        if (!fields.TryGetValue("organizations", out var node) || StrictYamlReader.IsNull(node))
        {
            errors.Add(key, "is required: list the member organizations' MSP IDs", yaml.Where(channel));
            return organizations;
        }

        foreach (var (text, where) in yaml.ScalarItems(node, key))
        {
            if (!mspIdParser.TryParseText(text, context, out var mspId, out var problem))
            {
                errors.Add(key, $"has the item '{text}', which is not valid: {problem}", where);
            }
            else if (organizations.Contains(mspId, StringComparer.Ordinal))
            {
                errors.Add(key, $"lists {mspId} twice", where);
            }
            else
            {
                organizations.Add(mspId);
            }
        }

        if (organizations.Count == 0 && node is YamlSequenceNode { Children.Count: 0 })
        {
            errors.Add(key, "must list at least one organization", yaml.Where(node));
        }

        return organizations;
    }

    private List<AnchorPeer> ReadAnchors(YamlNode? node, string display, List<string> organizations)
    {
        var anchors = new List<AnchorPeer>();
        if (node is null || StrictYamlReader.IsNull(node))
        {
            return anchors;
        }

        if (node is not YamlSequenceNode sequence)
        {
            errors.Add($"{display}.anchorPeers", "expected a list of {organization, endpoint}", yaml.Where(node));
            return anchors;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var key = $"{display}.anchorPeers[{i}]";
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                errors.Add(key, "expected a mapping with organization and endpoint", yaml.Where(sequence.Children[i]));
                continue;
            }

            var fields = yaml.Fields(item, "channels[].anchorPeers[]", key);
            var org = yaml.Scalar(fields, "organization", key, item, required: true);
            var endpointText = yaml.Scalar(fields, "endpoint", key, item, required: true);
            if (org is not null && !organizations.Contains(org, StringComparer.Ordinal))
            {
                errors.Add($"{key}.organization", $"is {org}, which is not in {display}.organizations", yaml.Where(fields["organization"]));
                org = null;
            }

            HostPort? endpoint = null;
            if (endpointText is not null && !endpointParser.TryParseText(endpointText, context, out endpoint, out var problem))
            {
                errors.Add($"{key}.endpoint", $"has the value '{endpointText}', which is not valid: {problem}", yaml.Where(fields["endpoint"]));
            }

            if (org is not null && endpoint is not null)
            {
                anchors.Add(new AnchorPeer(org, endpoint));
            }
        }

        return anchors;
    }

    private (BlockDisseminationMode Mode, int Threshold, LeaderElectionMode Election) ReadModes(Dictionary<string, YamlNode> fields, string display)
    {
        var mode = BlockDisseminationMode.Gossip;
        var threshold = DefaultThreshold;
        YamlNode? thresholdNode = null;
        if (fields.TryGetValue("dissemination", out var disseminationNode) && disseminationNode is YamlMappingNode dissemination)
        {
            var sub = yaml.Fields(dissemination, "channels[].dissemination", $"{display}.dissemination");
            mode = ParseField(sub, "mode", $"{display}.dissemination", disseminationParser, mode);
            threshold = ParseField(sub, "threshold", $"{display}.dissemination", thresholdParser, threshold);
            thresholdNode = sub.GetValueOrDefault("threshold");
        }
        else if (disseminationNode is not null && !StrictYamlReader.IsNull(disseminationNode))
        {
            errors.Add($"{display}.dissemination", "expected a mapping with mode and threshold", yaml.Where(disseminationNode));
        }

        if (thresholdNode is not null && mode != BlockDisseminationMode.Adaptive)
        {
            errors.Add($"{display}.dissemination.threshold", $"is set, but {display}.dissemination.mode is {disseminationParser.Format(mode)}; the threshold only applies to mode adaptive", yaml.Where(thresholdNode));
        }

        var election = core.Election.Mode;
        if (fields.TryGetValue("election", out var electionNode) && electionNode is YamlMappingNode electionMap)
        {
            var sub = yaml.Fields(electionMap, "channels[].election", $"{display}.election");
            election = ParseField(sub, "mode", $"{display}.election", electionParser, election);
            if (sub.TryGetValue("mode", out var modeNode))
            {
                CheckChannelElection(display, mode, election, modeNode);
            }
        }
        else if (electionNode is not null && !StrictYamlReader.IsNull(electionNode))
        {
            errors.Add($"{display}.election", "expected a mapping with mode", yaml.Where(electionNode));
        }

        return (mode, threshold, election);
    }

    private void CheckChannelElection(string display, BlockDisseminationMode mode, LeaderElectionMode election, YamlNode where)
    {
        if (mode != BlockDisseminationMode.Gossip)
        {
            errors.Add($"{display}.election.mode", $"is set, but {display}.dissemination.mode is {disseminationParser.Format(mode)}, which has no leader; election only applies to mode gossip", yaml.Where(where));
        }

        if (election == LeaderElectionMode.Lease && (core.Kubernetes.Namespace.Length == 0 || core.Kubernetes.ApiServer is null))
        {
            errors.Add($"{display}.election.mode", $"is lease, which needs the Kubernetes API, but {LeaderElectionKeys.KubernetesNamespace.Path} or {LeaderElectionKeys.KubernetesApiServer.Path} is not set in core.yaml", yaml.Where(where));
        }

        if (election != LeaderElectionMode.Static && core.Election.OrgLeader)
        {
            errors.Add($"{display}.election.mode", $"is {electionParser.Format(election)}, but {GossipElectionKeys.OrgLeader.Path} is true (a static leader); use mode static for this channel or set orgLeader to false", yaml.Where(where));
        }
    }

    private Dictionary<string, string> ReadTrustBundle(YamlNode? node, YamlNode root)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null || StrictYamlReader.IsNull(node))
        {
            errors.Add("trustBundle", "is required: map each organization's MSP ID to its CA certificate", yaml.Where(node ?? root));
            return bundle;
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add("trustBundle", "expected a mapping of MSP ID to CA certificate path", yaml.Where(node));
            return bundle;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var mspText = YamlFile.KeyName(keyNode);
            var key = $"trustBundle.{mspText}";
            if (!mspIdParser.TryParseText(mspText, context, out var mspId, out var problem))
            {
                errors.Add(key, $"'{mspText}' is not a valid MSP ID: {problem}", yaml.Where(keyNode));
                continue;
            }

            if (valueNode is not YamlScalarNode scalar || StrictYamlReader.IsNull(valueNode))
            {
                errors.Add(key, "expected the path of a PEM CA certificate", yaml.Where(valueNode));
                continue;
            }

            if (!pathParser.TryParseText(scalar.Value ?? string.Empty, context, out var path, out problem))
            {
                errors.Add(key, $"has the value '{scalar.Value}', which is not valid: {problem}", yaml.Where(valueNode));
                continue;
            }

            bundle[mspId] = path;
        }

        return bundle;
    }

    private void CheckAcrossChannels(List<ChannelDefinition> channels, Dictionary<string, string> trustBundle)
    {
        foreach (var duplicate in channels.Where(c => c.Name.Length > 0).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"channels[{duplicate.Key}]", $"is defined {duplicate.Count().ToString(CultureInfo.InvariantCulture)} times; channel names must be unique");
        }

        if (errors.Any && trustBundle.Count == 0)
        {
            return;
        }

        foreach (var org in channels.SelectMany(c => c.Organizations).Distinct(StringComparer.Ordinal).Where(o => !trustBundle.ContainsKey(o)))
        {
            var channel = channels.First(c => c.Organizations.Contains(org, StringComparer.Ordinal));
            errors.Add($"trustBundle.{org}", $"is missing: organization {org} is a member of channels[{channel.Name}], and its certificates cannot be verified without its CA");
        }

        if (channels.Count > 0 && !trustBundle.ContainsKey(core.Orderer.MspId))
        {
            errors.Add($"trustBundle.{core.Orderer.MspId}", $"is missing: the ordering organization ({OrdererKeys.MspId.Path} = {core.Orderer.MspId}) signs blocks, and blocks cannot be verified without its CA");
        }
    }

    private T ParseField<T>(Dictionary<string, YamlNode> fields, string name, string display, ScalarParser<T> parser, T fallback)
    {
        var text = yaml.Scalar(fields, name, display, null, required: false);
        if (text is null)
        {
            return fallback;
        }

        if (parser.TryParseText(text, context, out var value, out var problem))
        {
            return value;
        }

        errors.Add($"{display}.{name}", $"has the value '{text}', which is not valid: {problem}", yaml.Where(fields[name]));
        return fallback;
    }

    private List<HostPort>? ReadEndpoints(YamlNode? node, string key)
    {
        if (node is null || StrictYamlReader.IsNull(node))
        {
            return null;
        }

        var endpoints = new List<HostPort>();
        foreach (var (text, where) in yaml.ScalarItems(node, key))
        {
            if (endpointParser.TryParseText(text, context, out var endpoint, out var problem))
            {
                endpoints.Add(endpoint!);
            }
            else
            {
                errors.Add(key, $"has the item '{text}', which is not valid: {problem}", where);
            }
        }

        return endpoints;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelNamePattern();
}
