using System.Globalization;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>
/// The final step of every write: stamps the next resourceVersion and stores or removes the object. Also the
/// deletion rules shared by the DELETE verb and the garbage collector. Callers hold the store lock.
/// </summary>
internal sealed class ObjectCommitter(ObjectStore store, ResourceRegistry registry, TimeProvider time)
{
    public ObjectStore Store { get; } = store;

    public ResourceRegistry Registry { get; } = registry;

    public string Now => ObjectMeta.Timestamp(time.GetUtcNow());

    public JsonObject Put(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var rv = Store.NextResourceVersion();
        ObjectMeta.Meta(obj)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Materialize(obj);
        Store.Put(type.Key, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), obj, old);
        return obj;
    }

    /// <summary>Removes the object for good; the returned final state carries the deletion's resourceVersion.</summary>
    public JsonObject Remove(ResourceType type, JsonObject old)
    {
        var final = (JsonObject)old.DeepClone();
        var rv = Store.NextResourceVersion();
        ObjectMeta.Meta(final)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Materialize(final);
        Store.Remove(type.Key, ObjectMeta.Namespace(old), ObjectMeta.Name(old), final, old);
        if (type is { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" } && CustomResourceDefinitions.FromObject(old) is { } served)
        {
            // The CRD's cleanup finalizer in the real API removes every instance before the CRD goes.
            foreach (var instance in Store.Scan(served.Key, null).ToList())
            {
                Remove(served, instance);
            }

            Store.RemoveType(served.Key);
            Registry.Unregister(served.Group, served.Plural);
        }

        return final;
    }

    /// <summary>
    /// Starts deletion: objects with finalizers (including the one a foreground or orphan policy adds) get a
    /// deletionTimestamp and stay; others are removed. Returns the object as stored afterwards and whether it is gone.
    /// </summary>
    public (JsonObject Object, bool Gone) Delete(ResourceType type, JsonObject old, string propagationPolicy)
    {
        if (ObjectMeta.IsDeleting(old))
        {
            return (old, false);
        }

        var finalizers = ObjectMeta.Finalizers(old);
        var policyFinalizer = propagationPolicy switch
        {
            "Foreground" => ObjectMeta.ForegroundFinalizer,
            "Orphan" => ObjectMeta.OrphanFinalizer,
            _ => null,
        };
        if (policyFinalizer is not null && !finalizers.Contains(policyFinalizer))
        {
            finalizers.Add(policyFinalizer);
        }

        var isNamespace = type is { Group: "", Plural: "namespaces" };
        if (finalizers.Count == 0 && !isNamespace)
        {
            return (Remove(type, old), true);
        }

        var updated = (JsonObject)old.DeepClone();
        var meta = ObjectMeta.Meta(updated);
        meta["deletionTimestamp"] = Now;
        meta["deletionGracePeriodSeconds"] = 0;
        if (ObjectMeta.Generation(old) is { } generation)
        {
            meta["generation"] = generation + 1;
        }

        ObjectMeta.SetFinalizers(updated, finalizers);
        if (isNamespace)
        {
            updated["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        return (Put(type, updated, old), false);
    }

    /// <summary>
    /// Stored objects are read by many requests and watches at once without the lock. Nodes parsed from JSON build
    /// their children lazily on first read, which is not safe to race, so every node is built here, once, before the
    /// object is shared; stored objects are never modified afterwards.
    /// </summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Materialize(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
