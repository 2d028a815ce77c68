namespace K8sGossip.Kubernetes.TestServer.Resources;

/// <summary>The built-in resources the project uses, with the scope and subresources of the real API.</summary>
internal static class BuiltInResources
{
    public static IEnumerable<ResourceType> All()
    {
        var plain = ListSchema.BuiltIn();
        yield return Core("namespaces", "namespace", "Namespace", false, ["ns"], ["status", "finalize"]);
        yield return Core("configmaps", "configmap", "ConfigMap", true, ["cm"], []);
        yield return Core("secrets", "secret", "Secret", true, [], [], extraFields: ["type"]);
        yield return Core("services", "service", "Service", true, ["svc"], ["status"],
            ListSchema.BuiltIn(("spec.ports", new ListShape(ListMergeKind.Map, ["port", "protocol"]))));
        yield return Core("pods", "pod", "Pod", true, ["po"], ["status"], extraFields: ["spec.nodeName", "status.phase"]);
        yield return Core("events", "event", "Event", true, ["ev"], [],
            extraFields: ["involvedObject.kind", "involvedObject.name", "involvedObject.namespace", "involvedObject.uid", "reason", "type"]);
        yield return Core("serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], []);
        yield return Make("apps", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], ["status"], tracksGeneration: true, plain);
        yield return Make("coordination.k8s.io", "leases", "lease", "Lease", true, [], [], tracksGeneration: false, plain);
        yield return Make("certificates.k8s.io", "certificatesigningrequests", "certificatesigningrequest", "CertificateSigningRequest", false, ["csr"],
            ["status", "approval"], tracksGeneration: false, plain);
        yield return Make("policy", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], ["status"], tracksGeneration: true, plain);
        yield return Make("rbac.authorization.k8s.io", "roles", "role", "Role", true, [], [], tracksGeneration: false, plain);
        yield return Make("rbac.authorization.k8s.io", "rolebindings", "rolebinding", "RoleBinding", true, [], [], tracksGeneration: false, plain);
        yield return Make("rbac.authorization.k8s.io", "clusterroles", "clusterrole", "ClusterRole", false, [], [], tracksGeneration: false, plain);
        yield return Make("rbac.authorization.k8s.io", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, [], [], tracksGeneration: false, plain);
        yield return Make("apiextensions.k8s.io", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, ["crd", "crds"],
            ["status"], tracksGeneration: true, ListSchema.BuiltIn(("spec.versions", new ListShape(ListMergeKind.Map, ["name"]))));
    }

    private static ResourceType Core(string plural, string singular, string kind, bool namespaced, string[] shortNames, string[] subresources,
        ListSchema? lists = null, string[]? extraFields = null) =>
        new(string.Empty, ["v1"], plural, singular, kind, kind + "List", namespaced, shortNames, subresources, false, false,
            lists ?? ListSchema.BuiltIn(), extraFields ?? []);

    private static ResourceType Make(string group, string plural, string singular, string kind, bool namespaced, string[] shortNames,
        string[] subresources, bool tracksGeneration, ListSchema lists) =>
        new(group, ["v1"], plural, singular, kind, kind + "List", namespaced, shortNames, subresources, tracksGeneration, false, lists, []);
}
