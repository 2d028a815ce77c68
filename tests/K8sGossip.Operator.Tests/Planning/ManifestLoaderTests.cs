using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Planning.Manifests;

namespace K8sGossip.Operator.Tests.Planning;

/// <summary>The loader reads the YAML a cluster would get, applies the CRD schema, and points at the line of every problem.</summary>
public sealed class ManifestLoaderTests
{
    private const string Org = """
        apiVersion: gossip.k8sgossip.io/v1alpha1
        kind: Organization
        metadata:
          name: org1
        spec:
          mspId: Org1MSP

        """;

    [Fact]
    public void Schema_defaults_are_applied_as_the_api_server_would()
    {
        var set = ManifestLoader.LoadText(Org + "---\napiVersion: gossip.k8sgossip.io/v1alpha1\nkind: Channel\nmetadata:\n  name: ch\nspec:\n  organizations: [org1]\n  orderer:\n    endpoints: [o:7050]\n", "n.yaml");

        Assert.Empty(set.Issues);
        var organization = Assert.IsType<Organization>(set.Resources[0]);
        Assert.Equal(3, organization.Spec!.Peers);
        Assert.Equal(ElectionMode.Dynamic, organization.Spec.LeaderElection.Mode);
        Assert.Equal("1Gi", organization.Spec.Storage.Size.StringValue);
        var channel = Assert.IsType<Channel>(set.Resources[1]);
        Assert.Equal(DisseminationMode.Gossip, channel.Spec!.Dissemination.Mode);
        Assert.Equal(10, channel.Spec.Dissemination.Threshold);
    }

    [Fact]
    public void Null_values_are_pruned_like_absent_fields()
    {
        var set = ManifestLoader.LoadText(Org + "  sidecar:\n  peers: ~\n", "n.yaml");

        Assert.Empty(set.Issues);
        var organization = Assert.IsType<Organization>(Assert.Single(set.Resources));
        Assert.Null(organization.Spec!.Sidecar);
        Assert.Equal(3, organization.Spec.Peers);
    }

    [Fact]
    public void A_quoted_number_where_an_integer_belongs_is_a_type_error_at_its_line()
    {
        var set = ManifestLoader.LoadText(Org + "  peers: \"3\"\n", "n.yaml");

        var issue = Assert.Single(set.Issues);
        Assert.Equal("spec.peers", issue.Field);
        Assert.Equal("Invalid value: \"3\": must be of type integer, not string", issue.Message);
        Assert.Equal(new SourceLocation("n.yaml", 7, 3), issue.Location);
        Assert.Equal("n.yaml:7:3: error: Organization/org1: spec.peers: Invalid value: \"3\": must be of type integer, not string", issue.ToString());
    }

    [Fact]
    public void Duplicate_keys_are_rejected_with_the_line_of_the_second_one()
    {
        var set = ManifestLoader.LoadText(Org + "  mspId: Other\n", "n.yaml");

        var issue = Assert.Single(set.Issues);
        Assert.Equal("duplicate key \"mspId\"", issue.Message);
        Assert.Equal(7, issue.Location?.Line);
        Assert.Empty(set.Resources);
    }

    [Fact]
    public void Other_kinds_are_skipped_with_a_warning_at_their_kind_line()
    {
        var set = ManifestLoader.LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n" + Org, "n.yaml");

        var warning = Assert.Single(set.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal("ConfigMap (v1) is not a K8sGossip kind; the local planner ignores it", warning.Message);
        Assert.Equal(2, warning.Location?.Line);
        Assert.IsType<Organization>(Assert.Single(set.Resources));
    }

    [Theory]
    [InlineData("apiVersion: gossip.k8sgossip.io/v1beta1\nkind: Organization\n", "apiVersion", "Unsupported value: \"gossip.k8sgossip.io/v1beta1\": supported values: \"gossip.k8sgossip.io/v1alpha1\"")]
    [InlineData("apiVersion: gossip.k8sgossip.io/v1alpha1\nkind: Peer\n", "kind", "Unsupported value: \"Peer\": supported values: \"Organization\", \"Channel\", \"AnchorPeer\"")]
    [InlineData("apiVersion: gossip.k8sgossip.io/v1alpha1\nmetadata:\n  name: x\n", "kind", "Required value: every manifest document needs apiVersion and kind")]
    public void Documents_that_are_not_a_known_kind_are_errors(string yaml, string field, string message)
    {
        var issue = Assert.Single(ManifestLoader.LoadText(yaml, "n.yaml").Issues);

        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Equal(field, issue.Field);
        Assert.Equal(message, issue.Message);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_an_error()
    {
        var issue = Assert.Single(ManifestLoader.LoadText("- a\n- b\n", "n.yaml").Issues);

        Assert.StartsWith("a manifest document must be a Kubernetes object", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_resolve_to_copies_of_the_anchored_value_within_a_document()
    {
        var yaml = Org + "  sidecar:\n    resources:\n      requests: &sizes\n        memory: 128Mi\n      limits: *sizes\n";

        var set = ManifestLoader.LoadText(yaml, "n.yaml");

        Assert.Empty(set.Issues);
        var resources = ((Organization)set.Resources[0]).Spec!.Sidecar!.Resources!;
        Assert.Equal("128Mi", resources.Requests!["memory"].StringValue);
        Assert.Equal("128Mi", resources.Limits!["memory"].StringValue);
    }

    [Fact]
    public void Aliases_do_not_reach_into_another_document()
    {
        var yaml = Org + "  gossip: &tuning\n    pullInterval: 2s\n---\n" + Org.Replace("org1", "org2", StringComparison.Ordinal) + "  gossip: *tuning\n";

        var issue = Assert.Single(ManifestLoader.LoadText(yaml, "n.yaml").Issues);

        Assert.Equal("unknown alias *tuning", issue.Message);
        Assert.Equal(16, issue.Location?.Line);
    }

    [Fact]
    public void Every_schema_error_of_a_document_is_reported_with_its_own_line()
    {
        var yaml = Org + "  peers: 500\n  leaderElection:\n    mode: elected\n  storage:\n    size: lots\n";

        var issues = ManifestLoader.LoadText(yaml, "n.yaml").Issues;

        Assert.Equal(
            [("spec.peers", 7), ("spec.leaderElection.mode", 9), ("spec.storage.size", 11)],
            issues.Select(i => (i.Field, i.Location!.Line)));
        Assert.Equal([FieldErrorType.Invalid, FieldErrorType.NotSupported, FieldErrorType.Invalid], issues.Select(i => i.ErrorType!.Value));
    }

    [Fact]
    public void Pass_through_container_fields_are_kept()
    {
        var yaml = Org + "  containers:\n    - name: app\n      image: busybox\n      command: [sh]\n      ports:\n        - containerPort: 8080\n";

        var set = ManifestLoader.LoadText(yaml, "n.yaml");

        Assert.Empty(set.Issues);
        var container = Assert.Single(((Organization)set.Resources[0]).Spec!.Containers!);
        Assert.Equal(["command", "ports"], container.ExtensionData!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(8080, container.ExtensionData["ports"][0].GetProperty("containerPort").GetInt32());
    }

    [Fact]
    public void Alias_expansion_beyond_the_value_budget_is_rejected_instead_of_exhausting_memory()
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (var level = 'b'; level <= 'h'; level++)
        {
            var previous = (char)(level - 1);
            lines.Add($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat("*" + previous, 10))}]");
        }

        var issue = Assert.Single(ManifestLoader.LoadText(string.Join("\n", lines) + "\n", "bomb.yaml").Issues);

        Assert.Equal("the document holds more than 100000 values (aliases count each copy)", issue.Message);
        Assert.Equal("bomb.yaml", issue.Location?.File);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_reported_and_not_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"k8sgossip-large-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, "# " + new string('x', (int)ManifestLoader.MaxFileBytes) + "\n");

            var issue = Assert.Single(ManifestLoader.Load(path).Issues);

            Assert.EndsWith($"manifests of more than {ManifestLoader.MaxFileBytes} bytes are not read", issue.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "k8sgossip-no-such-file.yaml");

        var issue = Assert.Single(ManifestLoader.Load(path).Issues);

        Assert.Equal(path, issue.Location?.File);
        Assert.StartsWith("cannot read the file", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_read_in_name_order_and_only_its_manifest_files()
    {
        var directory = Directory.CreateTempSubdirectory("k8sgossip-loader-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "b.yaml"), Org.Replace("org1", "org-b", StringComparison.Ordinal).Replace("Org1MSP", "B", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory, "a.yml"), Org.Replace("org1", "org-a", StringComparison.Ordinal).Replace("Org1MSP", "A", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory, "README.md"), "not: [yaml");

            var set = ManifestLoader.Load(directory);

            Assert.Empty(set.Issues);
            Assert.Equal(["org-a", "org-b"], set.Resources.Select(r => r.Metadata.Name));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Planning_a_manifest_set_with_load_errors_reports_only_the_load_errors()
    {
        var yaml = Org + "  peerz: 3\n---\napiVersion: gossip.k8sgossip.io/v1alpha1\nkind: Channel\nmetadata:\n  name: ch\nspec:\n  organizations: [org1]\n  orderer:\n    endpoints: [o:7050]\n";

        var result = NetworkPlanner.Plan(ManifestLoader.LoadText(yaml, "n.yaml"), PlanningTarget.Cluster());

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.peerz", error.Field);
    }
}
