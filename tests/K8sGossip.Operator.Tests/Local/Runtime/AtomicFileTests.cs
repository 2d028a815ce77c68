using K8sGossip.Operator.Local.Runtime;

namespace K8sGossip.Operator.Tests.Local.Runtime;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("k8sgossip-atomic-");

    [Fact]
    public void Write_replaces_the_whole_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_root.FullName, "a", "b", "file.txt");
        AtomicFile.WriteText(path, "first version, longer than the second");
        AtomicFile.WriteText(path, "second");

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["file.txt"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_secret_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(_root.FullName, "key.pem");
        AtomicFile.WriteText(path, "secret", secret: true);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Writing_unchanged_text_leaves_the_file_untouched()
    {
        var path = Path.Combine(_root.FullName, "same.txt");
        AtomicFile.WriteText(path, "same");
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        AtomicFile.WriteTextIfChanged(path, "same");

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
