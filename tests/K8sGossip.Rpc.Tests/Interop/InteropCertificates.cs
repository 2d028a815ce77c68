using System.Security.Cryptography.X509Certificates;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>One CA with server and client certificates, also written as PEM files for the Node peers.</summary>
internal sealed class InteropCertificates : IDisposable
{
    public InteropCertificates()
    {
        Authority = TestCertificates.CreateAuthority("Interop CA");
        Server = TestCertificates.CreateLeaf(Authority, "interop-server");
        Client = TestCertificates.CreateLeaf(Authority, "interop-client");
        Directory = System.IO.Directory.CreateTempSubdirectory("k8sgossip-interop-").FullName;
        File.WriteAllText(Path.Combine(Directory, "ca.pem"), Authority.ExportCertificatePem());
        TestCertificates.WritePem(Server, Directory, "server");
        TestCertificates.WritePem(Client, Directory, "client");
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    /// <summary>Holds ca.pem, server.pem/key and client.pem/key.</summary>
    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
