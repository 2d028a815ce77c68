using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Apply;
using K8sGossip.Kubernetes.TestServer.Patching;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>
/// CREATE, UPDATE and PATCH (merge, JSON and apply) with the API server's rules: server-owned metadata, optimistic
/// concurrency on resourceVersion, status subresource separation, generation, finalizers and managedFields.
/// </summary>
internal sealed class ResourceWriter(ObjectCommitter committer, GarbageCollector collector, ObjectIdentity identity)
{
    private ObjectStore Store => committer.Store;

    public JsonObject Create(WriteRequest request, JsonObject body)
    {
        lock (Store.Sync)
        {
            var obj = (JsonObject)body.DeepClone();
            RequestChecks.ExpectKind(request, obj);
            var meta = ObjectMeta.Meta(obj);
            if (!string.IsNullOrEmpty((string?)meta["resourceVersion"]))
            {
                // The real storage layer refuses this with a reason-less 500.
                throw new ApiException(500, string.Empty, "resourceVersion should not be set on objects to be created");
            }

            var bodyNamespace = (string?)meta["namespace"];
            if (request.Type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Namespace)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            var name = (string?)meta["name"];
            if (string.IsNullOrEmpty(name))
            {
                var prefix = (string?)meta["generateName"];
                if (string.IsNullOrEmpty(prefix))
                {
                    throw ApiErrors.Invalid(request.Type, string.Empty, "metadata.name", "FieldValueRequired", "Required value: name or generateName is required");
                }

                do
                {
                    name = prefix + identity.NameSuffix();
                }
                while (Store.Get(request.Type.Key, request.Namespace, name) is not null);
                meta["name"] = name;
            }

            var entries = FieldOwnership.RecordUpdate([], null, Prepared(request, obj, name), request.Type, request.Manager,
                request.ApiVersion, string.Empty, committer.Now);
            return CreateCore(request, obj, entries);
        }
    }

    public (JsonObject Object, bool Created) Update(WriteRequest request, string name, JsonObject body)
    {
        lock (Store.Sync)
        {
            var candidate = (JsonObject)body.DeepClone();
            RequestChecks.ExpectKind(request, candidate);
            RequestChecks.ExpectIdentity(request, name, candidate);
            var old = Store.Get(request.Type.Key, request.Namespace, name);
            if (old is null)
            {
                if (!request.Type.AllowsCreateOnUpdate || request.Subresource.Length > 0)
                {
                    throw ApiErrors.NotFound(request.Type, name);
                }

                ObjectMeta.Meta(candidate)["name"] = name;
                var entries = FieldOwnership.RecordUpdate([], null, Prepared(request, candidate, name), request.Type, request.Manager,
                    request.ApiVersion, string.Empty, committer.Now);
                return (CreateCore(request, candidate, entries), true);
            }

            if (string.IsNullOrEmpty((string?)candidate["metadata"]?["resourceVersion"]) && !request.Type.AllowsUnconditionalUpdate)
            {
                var details = ApiErrors.Details(request.Type, name);
                details["causes"] = new JsonArray(new JsonObject
                {
                    ["reason"] = "FieldValueInvalid",
                    ["message"] = "Invalid value: 0x0: must be specified for an update",
                    ["field"] = "metadata.resourceVersion",
                });
                throw new ApiException(422, "Invalid",
                    $"{request.Type.QualifiedResource} \"{name}\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", details);
            }

            return (Finish(request, old, candidate, null), false);
        }
    }

    public JsonObject Patch(WriteRequest request, string name, string contentType, string text)
    {
        lock (Store.Sync)
        {
            var old = Store.Get(request.Type.Key, request.Namespace, name) ?? throw ApiErrors.NotFound(request.Type, name);
            var current = (JsonObject)old.DeepClone();
            current["apiVersion"] = request.ApiVersion;
            JsonNode patched = contentType switch
            {
                "application/merge-patch+json" => MergePatch.Apply(current, RequestChecks.ParseJson(text) as JsonObject ?? throw ApiErrors.BadRequest("merge patch must be a JSON object"))!,
                "application/strategic-merge-patch+json" when !request.Type.IsCustom =>
                    MergePatch.Apply(current, RequestChecks.ParseJson(text) as JsonObject ?? throw ApiErrors.BadRequest("strategic merge patch must be a JSON object"))!,
                "application/json-patch+json" => JsonPatch.Apply(current, RequestChecks.ParseJson(text) as JsonArray ?? throw ApiErrors.BadRequest("json patch must be a JSON array")),
                _ => throw ApiErrors.UnsupportedMediaType(contentType),
            };
            if (patched is not JsonObject candidate)
            {
                throw ApiErrors.BadRequest("the patch did not produce an object");
            }

            RequestChecks.ExpectIdentity(request, name, candidate);
            return Finish(request, old, candidate, null);
        }
    }

    public (JsonObject Object, bool Created) ApplyPatch(WriteRequest request, string name, string text, bool force)
    {
        if (request.Manager.Length == 0)
        {
            throw ApiErrors.InvalidOptions("PatchOptions", "fieldManager", "FieldValueRequired", "Required value: is required for apply patch");
        }

        if (YamlDocument.Parse(text) is not JsonObject parsed || ServerSideApply.WithoutNulls(parsed) is not JsonObject config)
        {
            throw ApiErrors.BadRequest("error decoding YAML: the apply patch must be an object");
        }

        if ((string?)config["apiVersion"] is null || (string?)config["kind"] is null)
        {
            throw ApiErrors.BadRequest("apply patch must specify apiVersion and kind");
        }

        RequestChecks.ExpectKind(request, config);
        RequestChecks.ExpectIdentity(request, name, config);
        var meta = ObjectMeta.Meta(config);
        var precondition = (string?)meta["resourceVersion"];
        foreach (var serverOwned in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            meta.Remove(serverOwned);
        }

        meta["name"] = name;
        if (request.Type.Namespaced)
        {
            meta["namespace"] = request.Namespace;
        }

        config = SubresourceRules.Restrict(request, config);
        lock (Store.Sync)
        {
            var old = Store.Get(request.Type.Key, request.Namespace, name);
            if (old is null)
            {
                if (request.Subresource.Length > 0)
                {
                    throw ApiErrors.NotFound(request.Type, name);
                }

                var skeleton = new JsonObject { ["apiVersion"] = request.ApiVersion, ["kind"] = request.Type.Kind, ["metadata"] = meta.DeepClone() };
                var created = ServerSideApply.Apply(skeleton, config, [], request.Type.Lists, request.Manager, string.Empty, request.ApiVersion, force, committer.Now);
                return (CreateCore(request, created.Merged, created.Entries), true);
            }

            if (precondition is not null && precondition != (string?)old["metadata"]!["resourceVersion"])
            {
                throw ApiErrors.StaleResourceVersion(request.Type, name);
            }

            var live = (JsonObject)old.DeepClone();
            live["apiVersion"] = request.ApiVersion;
            var outcome = ServerSideApply.Apply(live, config, ManagedFieldsEntry.Read(old), request.Type.Lists, request.Manager,
                request.Subresource, request.ApiVersion, force, committer.Now);
            return (Finish(request, old, outcome.Merged, outcome.Entries), false);
        }
    }

    private JsonObject CreateCore(WriteRequest request, JsonObject obj, List<ManagedFieldsEntry> entries)
    {
        var name = ObjectMeta.Name(obj);
        obj = Prepared(request, obj, name);
        NameRules.Validate(request.Type, name);
        if (request.Type.Namespaced)
        {
            var ns = Store.Get("/namespaces", string.Empty, request.Namespace)
                ?? throw ApiErrors.NotFoundRaw($"namespaces \"{request.Namespace}\" not found");
            if (ObjectMeta.IsDeleting(ns))
            {
                throw ApiErrors.Forbidden(request.Type, name, $"unable to create new content in namespace {request.Namespace} because it is being terminated");
            }
        }

        if (Store.Get(request.Type.Key, request.Namespace, name) is not null)
        {
            throw ApiErrors.AlreadyExists(request.Type, name);
        }

        var meta = ObjectMeta.Meta(obj);
        meta["uid"] = identity.Uid();
        meta["creationTimestamp"] = committer.Now;
        if (request.Type.TracksGeneration)
        {
            meta["generation"] = 1;
        }

        BuiltInDefaults.OnCreate(request.Type, obj, identity);
        ManagedFieldsEntry.Write(obj, entries);
        var stored = committer.Put(request.Type, obj, null);
        if (request.Type is { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" })
        {
            if (CustomResourceDefinitions.FromObject(stored) is not { } served)
            {
                committer.Remove(request.Type, stored);
                throw ApiErrors.Invalid(request.Type, name, "spec", "FieldValueRequired", "Required value: spec.group, spec.names.plural, spec.names.kind and one served version are required");
            }

            committer.Registry.Register(served);
        }

        collector.Sweep();
        return stored;
    }

    /// <summary>Strips what a create never keeps: server-owned metadata, and status when status is a subresource.</summary>
    private static JsonObject Prepared(WriteRequest request, JsonObject obj, string name)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = request.Type.ApiVersion(request.Type.Versions[0]);
        copy["kind"] = request.Type.Kind;
        var meta = ObjectMeta.Meta(copy);
        meta["name"] = name;
        if (request.Type.Namespaced)
        {
            meta["namespace"] = request.Namespace;
        }
        else
        {
            meta.Remove("namespace");
        }

        foreach (var serverOwned in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink" })
        {
            meta.Remove(serverOwned);
        }

        if (request.Type.HasStatus)
        {
            copy.Remove("status");
        }

        return copy;
    }

    /// <summary>The shared tail of update, patch and apply on an existing object.</summary>
    private JsonObject Finish(WriteRequest request, JsonObject old, JsonObject candidate, List<ManagedFieldsEntry>? applied)
    {
        var type = request.Type;
        var name = ObjectMeta.Name(old);
        var incomingVersion = (string?)candidate["metadata"]?["resourceVersion"];
        if (!string.IsNullOrEmpty(incomingVersion) && incomingVersion != (string?)old["metadata"]!["resourceVersion"])
        {
            throw ApiErrors.StaleResourceVersion(type, name);
        }

        var incomingUid = (string?)candidate["metadata"]?["uid"];
        if (!string.IsNullOrEmpty(incomingUid) && incomingUid != ObjectMeta.Uid(old))
        {
            throw ApiErrors.Invalid(type, name, "metadata.uid", "FieldValueInvalid", $"Invalid value: \"{incomingUid}\": field is immutable");
        }

        var next = request.Subresource switch
        {
            "" => candidate,
            "status" => SubresourceRules.WithStatusFrom(old, candidate, keepApprovals: type.Plural == "certificatesigningrequests"),
            "approval" => SubresourceRules.WithApprovalFrom(old, candidate),
            _ => throw ApiErrors.NotFoundRaw($"the server could not find the requested resource ({request.Subresource})"),
        };
        next = (JsonObject)next.DeepClone();
        next["apiVersion"] = old["apiVersion"]?.DeepClone();
        next["kind"] = type.Kind;
        var meta = ObjectMeta.Meta(next);
        var oldMeta = (JsonObject)old["metadata"]!;
        foreach (var serverOwned in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion", "managedFields", "selfLink" })
        {
            meta.Remove(serverOwned);
            if (oldMeta[serverOwned] is { } value)
            {
                meta[serverOwned] = value.DeepClone();
            }
        }

        if (request.Subresource.Length == 0 && type.HasStatus)
        {
            next.Remove("status");
            if (old["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }

        ObjectMeta.ValidateFinalizers(type, old, next);
        if (type.TracksGeneration && !JsonNode.DeepEquals(ObjectMeta.SpecPart(old, type), ObjectMeta.SpecPart(next, type)))
        {
            meta["generation"] = (ObjectMeta.Generation(old) ?? 0) + 1;
        }

        var entries = applied ?? FieldOwnership.RecordUpdate(ManagedFieldsEntry.Read(old), old, next, type, request.Manager,
            request.ApiVersion, request.Subresource, committer.Now);
        ManagedFieldsEntry.Write(next, entries);
        if (JsonNode.DeepEquals(old, next))
        {
            return old;
        }

        JsonObject result;
        if (ObjectMeta.IsDeleting(next) && ObjectMeta.Finalizers(next).Count == 0 && type is not { Group: "", Plural: "namespaces" })
        {
            result = committer.Remove(type, next);
        }
        else
        {
            result = committer.Put(type, next, old);
            if (type is { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" } && CustomResourceDefinitions.FromObject(result) is { } served)
            {
                committer.Registry.Register(served);
            }
        }

        collector.Sweep();
        return result;
    }
}
