using System.Runtime.InteropServices;

namespace K8sGossip.Gossip.Blocks;

/// <summary>Makes a directory's entries durable (fsync of the directory), so a newly created or deleted segment file
/// survives a crash. .NET has no API for it, hence the two libc calls; Windows journals metadata itself.</summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22;

    /// <summary>Flushes the entries of <paramref name="directory"/> to disk.</summary>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = NativeMethods.open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            // Some file systems refuse fsync on directories (EINVAL) because they persist entries synchronously.
            if (NativeMethods.fsync(fd) != 0 && Marshal.GetLastPInvokeError() != InvalidArgument)
            {
                throw new IOException($"Cannot flush directory {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);
    }
}
