namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>One field of the channel file, for strict reading and for the documentation.</summary>
/// <param name="Path">The field's path, with <c>[]</c> for list items and <c>&lt;mspId&gt;</c> for map keys.</param>
/// <param name="Type">The documented type.</param>
/// <param name="Default">The default, or <c>required</c>.</param>
/// <param name="Description">What it does.</param>
internal sealed record ChannelFileField(string Path, string Type, string Default, string Description);
