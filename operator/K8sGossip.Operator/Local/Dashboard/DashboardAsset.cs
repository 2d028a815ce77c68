namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>A file of the dashboard page, held in memory.</summary>
/// <param name="Path">The URL path it is served at (<c>/app.js</c>).</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="ETag">A strong validator derived from the content, so a reload costs a 304.</param>
internal sealed record DashboardAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
