namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>What parsing needs besides the text: the directory relative file paths are resolved against (the configuration file's, as Fabric does).</summary>
/// <param name="BaseDirectory">Absolute directory of the configuration file.</param>
internal readonly record struct ParseContext(string BaseDirectory);
