using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>
/// The garbage collector and namespace finalizer, run after every write until nothing changes: dependents whose
/// owners are all gone are deleted (respecting their finalizers), foreground owners wait for blocking dependents,
/// orphaning owners release their dependents, and terminating namespaces are emptied and then removed.
/// </summary>
internal sealed class GarbageCollector(ObjectCommitter committer)
{
    private const int MaxPasses = 1000;

    public void Sweep()
    {
        for (var pass = 0; pass < MaxPasses && SweepOnce(); pass++)
        {
            // Each pass may expose more work (a removed owner orphans its dependents), so repeat until stable.
        }
    }

    private bool SweepOnce()
    {
        var all = committer.Store.ScanAll()
            .Select(e => (Type: committer.Registry.ByKey(e.TypeKey), e.Object))
            .Where(e => e.Type is not null)
            .Select(e => (Type: e.Type!, e.Object))
            .ToList();
        // Where each uid lives: "" for cluster-scoped owners, else the owner's namespace.
        var uids = all.GroupBy(e => ObjectMeta.Uid(e.Object), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Type.Namespaced ? ObjectMeta.Namespace(g.First().Object) : string.Empty, StringComparer.Ordinal);

        foreach (var (type, obj) in all)
        {
            if (ObjectMeta.IsDeleting(obj) && FinishOwnerDeletion(type, obj, all))
            {
                return true;
            }

            if (!ObjectMeta.IsDeleting(obj) && CollectDependent(type, obj, uids))
            {
                return true;
            }
        }

        return false;
    }

    private bool FinishOwnerDeletion(ResourceType type, JsonObject owner, List<(ResourceType Type, JsonObject Object)> all)
    {
        var uid = ObjectMeta.Uid(owner);
        var dependents = all.Where(e => ObjectMeta.OwnerReferences(e.Object).Any(r => (string?)r["uid"] == uid)).ToList();
        var finalizers = ObjectMeta.Finalizers(owner);

        if (finalizers.Contains(ObjectMeta.OrphanFinalizer))
        {
            foreach (var (depType, dep) in dependents)
            {
                var released = (JsonObject)dep.DeepClone();
                var refs = new JsonArray([.. ObjectMeta.OwnerReferences(dep).Where(r => (string?)r["uid"] != uid).Select(r => r.DeepClone())]);
                if (refs.Count == 0)
                {
                    ObjectMeta.Meta(released).Remove("ownerReferences");
                }
                else
                {
                    ObjectMeta.Meta(released)["ownerReferences"] = refs;
                }

                committer.Put(depType, released, dep);
            }

            return RemoveFinalizer(type, owner, ObjectMeta.OrphanFinalizer);
        }

        if (finalizers.Contains(ObjectMeta.ForegroundFinalizer))
        {
            var started = false;
            foreach (var (depType, dep) in dependents.Where(d => !ObjectMeta.IsDeleting(d.Object)))
            {
                committer.Delete(depType, dep, "Background");
                started = true;
            }

            if (started)
            {
                return true;
            }

            var blocking = dependents.Any(d => ObjectMeta.OwnerReferences(d.Object)
                .Any(r => (string?)r["uid"] == uid && r["blockOwnerDeletion"]?.GetValueKind() == System.Text.Json.JsonValueKind.True));
            return !blocking && RemoveFinalizer(type, owner, ObjectMeta.ForegroundFinalizer);
        }

        if (type is { Group: "", Plural: "namespaces" })
        {
            var name = ObjectMeta.Name(owner);
            var content = all.Where(e => e.Type.Namespaced && ObjectMeta.Namespace(e.Object) == name).ToList();
            var started = false;
            foreach (var (t, o) in content.Where(c => !ObjectMeta.IsDeleting(c.Object)))
            {
                committer.Delete(t, o, "Background");
                started = true;
            }

            if (!started && content.Count == 0 && finalizers.Count == 0)
            {
                committer.Remove(type, owner);
                return true;
            }

            return started;
        }

        if (finalizers.Count == 0)
        {
            committer.Remove(type, owner);
            return true;
        }

        return false;
    }

    private bool CollectDependent(ResourceType type, JsonObject dependent, Dictionary<string, string> uids)
    {
        var refs = ObjectMeta.OwnerReferences(dependent).ToList();
        if (refs.Count == 0)
        {
            return false;
        }

        // An owner in another namespace is looked up in the dependent's namespace, as the real collector does, so it counts as absent.
        var ns = ObjectMeta.Namespace(dependent);
        var alive = refs.Where(r => uids.TryGetValue((string?)r["uid"] ?? string.Empty, out var ownerNs) && (ownerNs.Length == 0 || ownerNs == ns)).ToList();
        if (alive.Count == 0)
        {
            committer.Delete(type, dependent, "Background");
            return true;
        }

        if (alive.Count < refs.Count)
        {
            var trimmed = (JsonObject)dependent.DeepClone();
            ObjectMeta.Meta(trimmed)["ownerReferences"] = new JsonArray([.. alive.Select(r => r.DeepClone())]);
            committer.Put(type, trimmed, dependent);
            return true;
        }

        return false;
    }

    private bool RemoveFinalizer(ResourceType type, JsonObject obj, string finalizer)
    {
        var updated = (JsonObject)obj.DeepClone();
        var remaining = ObjectMeta.Finalizers(obj).Where(f => f != finalizer).ToList();
        ObjectMeta.SetFinalizers(updated, remaining);
        if (remaining.Count == 0 && type is not { Group: "", Plural: "namespaces" })
        {
            committer.Remove(type, obj);
        }
        else
        {
            committer.Put(type, updated, obj);
        }

        return true;
    }
}
