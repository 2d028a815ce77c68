using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Client;

/// <summary>The built-in kinds the project uses.</summary>
public static class KubeResources
{
    private static readonly KubeJsonContext Json = KubeJsonContext.Default;

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public static readonly KubeResource<Lease> Leases = new(new("coordination.k8s.io", "v1", "leases", "Lease", true), Json.Lease, Json.KubeListLease);

    /// <summary>core/v1 configmaps.</summary>
    public static readonly KubeResource<ConfigMap> ConfigMaps = new(new("", "v1", "configmaps", "ConfigMap", true), Json.ConfigMap, Json.KubeListConfigMap);

    /// <summary>core/v1 secrets.</summary>
    public static readonly KubeResource<Secret> Secrets = new(new("", "v1", "secrets", "Secret", true), Json.Secret, Json.KubeListSecret);

    /// <summary>core/v1 services.</summary>
    public static readonly KubeResource<Service> Services = new(new("", "v1", "services", "Service", true), Json.Service, Json.KubeListService);

    /// <summary>apps/v1 statefulsets.</summary>
    public static readonly KubeResource<StatefulSet> StatefulSets = new(new("apps", "v1", "statefulsets", "StatefulSet", true), Json.StatefulSet, Json.KubeListStatefulSet);

    /// <summary>core/v1 pods.</summary>
    public static readonly KubeResource<Pod> Pods = new(new("", "v1", "pods", "Pod", true), Json.Pod, Json.KubeListPod);

    /// <summary>core/v1 events.</summary>
    public static readonly KubeResource<Event> Events = new(new("", "v1", "events", "Event", true), Json.Event, Json.KubeListEvent);

    /// <summary>certificates.k8s.io/v1 certificatesigningrequests (cluster-scoped).</summary>
    public static readonly KubeResource<CertificateSigningRequest> CertificateSigningRequests = new(
        new("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false),
        Json.CertificateSigningRequest,
        Json.KubeListCertificateSigningRequest);

    /// <summary>policy/v1 poddisruptionbudgets.</summary>
    public static readonly KubeResource<PodDisruptionBudget> PodDisruptionBudgets = new(
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
        Json.PodDisruptionBudget,
        Json.KubeListPodDisruptionBudget);

    /// <summary>core/v1 serviceaccounts.</summary>
    public static readonly KubeResource<ServiceAccount> ServiceAccounts = new(new("", "v1", "serviceaccounts", "ServiceAccount", true), Json.ServiceAccount, Json.KubeListServiceAccount);

    /// <summary>rbac.authorization.k8s.io/v1 roles.</summary>
    public static readonly KubeResource<Role> Roles = new(new("rbac.authorization.k8s.io", "v1", "roles", "Role", true), Json.Role, Json.KubeListRole);

    /// <summary>rbac.authorization.k8s.io/v1 rolebindings.</summary>
    public static readonly KubeResource<RoleBinding> RoleBindings = new(new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true), Json.RoleBinding, Json.KubeListRoleBinding);

    /// <summary>apiextensions.k8s.io/v1 customresourcedefinitions (cluster-scoped).</summary>
    public static readonly KubeResource<CustomResourceDefinition> CustomResourceDefinitions = new(
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false),
        Json.CustomResourceDefinition,
        Json.KubeListCustomResourceDefinition);

    /// <summary>core/v1 namespaces (cluster-scoped).</summary>
    public static readonly KubeResource<Namespace> Namespaces = new(new("", "v1", "namespaces", "Namespace", false), Json.Namespace, Json.KubeListNamespace);
}
