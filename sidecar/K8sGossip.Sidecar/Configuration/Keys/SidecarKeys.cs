using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>K8sGossip's process keys: role, profile, files and ports.</summary>
internal static class SidecarKeys
{
    /// <summary><c>k8sgossip.role</c>.</summary>
    public static readonly ConfigKey<SidecarRole> Role = new(
        "k8sgossip.role", Parse.Choice(("peer", SidecarRole.Peer), ("orderer", SidecarRole.Orderer)), KeyDefaults.Same("peer"),
        "`peer`: a gossip peer of an organization. `orderer`: a solo ordering service that cuts and signs blocks and serves them through `Deliver.Blocks` (for tests and the local network).");

    /// <summary><c>k8sgossip.profile</c>.</summary>
    public static readonly ConfigKey<ConfigurationProfile> Profile = new(
        "k8sgossip.profile",
        Parse.Choice(("default", ConfigurationProfile.Default), ("fabric-defaults", ConfigurationProfile.FabricDefaults)),
        KeyDefaults.Same("default"),
        "Which defaults apply to keys that are not set: `default` (tuned for Kubernetes, each choice justified here) or `fabric-defaults` (Fabric's values, to run a Fabric-like baseline). Keys that are set always win over the profile.");

    /// <summary><c>k8sgossip.dataDir</c>.</summary>
    public static readonly ConfigKey<string> DataDir = new(
        "k8sgossip.dataDir", Parse.FilePath(), KeyDefaults.Same("/var/lib/k8sgossip"),
        "Directory of the block store and other durable state (one subdirectory per channel).");

    /// <summary><c>k8sgossip.channelsFile</c>.</summary>
    public static readonly ConfigKey<string> ChannelsFile = new(
        "k8sgossip.channelsFile", Parse.FilePath(), KeyDefaults.Same("channels.yaml"),
        "The channel configuration file (described under \"Channel configuration file\" in docs/configuration.md).");

    /// <summary><c>k8sgossip.ports.peer</c>.</summary>
    public static readonly ConfigKey<int> PeerPort = new(
        "k8sgossip.ports.peer", Parse.Integer(1, 65_535), KeyDefaults.Same("7051"),
        "Port of the peer services (gossip stream, ping, Deliver, and Broadcast in the orderer role), mutual TLS, on all interfaces.");

    /// <summary><c>k8sgossip.ports.admin</c>.</summary>
    public static readonly ConfigKey<int> AdminPort = new(
        "k8sgossip.ports.admin", Parse.Integer(1, 65_535), KeyDefaults.Same("9443"),
        "Port of health probes and metrics (Fabric's operations port).");

    /// <summary><c>k8sgossip.ports.localApi</c>.</summary>
    public static readonly ConfigKey<int> LocalApiPort = new(
        "k8sgossip.ports.localApi", Parse.Integer(1, 65_535), KeyDefaults.Same("7060"),
        "Port of the local application API (committed blocks, membership, leaders, messages), bound to localhost only.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Sidecar (`k8sgossip.*`)",
        "K8sGossip's own keys. Each is overridden by the environment variable `K8SGOSSIP_` + the path after `k8sgossip.`, upper-cased, with dots turned into underscores.",
        [Role, Profile, DataDir, ChannelsFile, PeerPort, AdminPort, LocalApiPort]);
}
