using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Examples;

/// <summary>Each examples/invalid case fails planning with one precise error: resource, field path, message, file and line.</summary>
public sealed class InvalidExampleTests
{
    public static TheoryData<string, string?, string, string, string> Cases => new()
    {
        // case, resource, field, message start, text of the line the error points at
        { "anchor-unknown-organization", "AnchorPeer/trade-org9", "spec.organization", "Not found: \"org9\": no Organization in namespace \"default\" has this name or MSP ID", "organization: org9" },
        { "anchor-unknown-channel", "AnchorPeer/audit-org1", "spec.channel", "Not found: \"audit\": no Channel in namespace \"default\" has this name", "channel: audit" },
        { "anchor-peer-out-of-range", "AnchorPeer/trade-org1", "spec.peer", "Invalid value: 3: must be less than 3, the number of peers of Organization/org1", "peer: 3" },
        { "anchor-organization-not-in-channel", "AnchorPeer/trade-org2", "spec.organization", "Invalid value: \"org2\": Organization/org2 is not a member of Channel/trade (members: org1)", "organization: org2" },
        { "anchor-peer-and-endpoint", "AnchorPeer/trade-org1", "spec.endpoint", "Forbidden: exactly one of peer or endpoint must be set", "endpoint: peer0" },
        { "channel-without-organizations", "Channel/trade", "spec.organizations", "Invalid value: 0: must have at least 1 item", "organizations: []" },
        { "channel-unknown-organization", "Channel/trade", "spec.organizations[1]", "Not found: \"org9\": no Organization in namespace \"default\" has this name or MSP ID", "- org9" },
        { "duplicate-msp-id", "Organization/org2", "spec.mspId", "Duplicate value: \"Org1MSP\": Organization/org1 already uses this MSP ID", "mspId: Org1MSP\n  peers: 3\n---\napiVersion: gossip.k8sgossip.io/v1alpha1\nkind: Channel" },
        { "duplicate-resource-name", "Organization/org1", "metadata.name", "Duplicate value: \"org1\": another Organization", "name: org1\nspec:\n  mspId: Org2MSP" },
        { "static-leaders-with-dynamic-mode", "Organization/org1", "spec.leaderElection.staticLeaders", "Forbidden: static leaders are allowed only with mode \"static\", not \"dynamic\"", "staticLeaders:" },
        { "static-leader-out-of-range", "Organization/org1", "spec.leaderElection.staticLeaders[1]", "Invalid value: 3: must be less than spec.peers (3): the peers are org1-0 to org1-2", "- 3" },
        { "static-mode-without-leaders", "Organization/org1", "spec.leaderElection.staticLeaders", "Required value: mode \"static\" needs at least one leader ordinal", "leaderElection:" },
        { "host-template-without-ordinal", "Organization/org1", "spec.externalEndpoints.hostTemplate", "Invalid value: \"peers.org1.example.com:7051\": must contain {ordinal} so that each peer gets its own endpoint", "hostTemplate:" },
        { "alive-expiration-not-after-alive-interval", "Organization/org1", "spec.gossip.aliveExpirationTimeout", "Invalid value: \"5s\": must be longer than spec.gossip.aliveTimeInterval (5s)", "aliveExpirationTimeout:" },
        { "unknown-field", "Organization/org1", "spec.peerz", "Unknown field: \"peerz\" is not a field of this object", "peerz: 3" },
        { "unsupported-dissemination-mode", "Channel/trade", "spec.dissemination.mode", "Unsupported value: \"gosip\": supported values: \"gossip\", \"direct\", \"adaptive\"", "mode: gosip" },
        { "malformed-yaml", null, "", "malformed YAML", "- stray" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_example_fails_on_a_local_target_with_the_precise_error(string example, string? resource, string field, string message, string lineText) =>
        AssertFails(example, PlanningTarget.Local(ExamplePlans.StateDirectory), resource, field, message, lineText);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_example_fails_on_a_cluster_target_with_the_precise_error(string example, string? resource, string field, string message, string lineText) =>
        AssertFails(example, PlanningTarget.Cluster(), resource, field, message, lineText);

    [Fact]
    public void Organization_in_no_channel_is_a_warning_and_the_network_still_plans()
    {
        var result = ExamplePlans.Plan(Path.Combine("invalid", "organization-in-no-channel"), PlanningTarget.Local(ExamplePlans.StateDirectory));

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("Organization/org2", warning.Resource?.ToString());
        Assert.StartsWith("is a member of no Channel", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Plan!.Organizations.Single(o => o.Name == "org2").Peers.Count);
    }

    [Fact]
    public void Every_invalid_example_folder_has_a_test_case()
    {
        var tested = Cases.Select(c => (string)c[0]).Append("organization-in-no-channel").Order(StringComparer.Ordinal);
        var folders = Directory.GetDirectories(RepositoryPaths.Example("invalid")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal);
        Assert.Equal(folders, tested);
    }

    private static void AssertFails(string example, PlanningTarget target, string? resource, string field, string message, string lineText)
    {
        var result = ExamplePlans.Plan(Path.Combine("invalid", example), target);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(resource, error.Resource?.ToString());
        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);

        var file = RepositoryPaths.Example("invalid", example, "network.yaml");
        Assert.NotNull(error.Location);
        Assert.Equal(file, error.Location.File);
        Assert.Equal(LineOf(file, lineText), error.Location.Line);
        Assert.Contains($"network.yaml:{error.Location.Line}:", error.ToString(), StringComparison.Ordinal);
    }

    private static int LineOf(string file, string text)
    {
        var content = File.ReadAllText(file);
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in {file}");
        Assert.Equal(index, content.LastIndexOf(text, StringComparison.Ordinal));
        return content[..index].Count(c => c == '\n') + 1;
    }
}
