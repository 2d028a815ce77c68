using System.Text;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>Crash-safe file writes: the text goes to a temporary file beside the target, is flushed to disk, then renamed over it.</summary>
/// <remarks>A reader (or a later run after a crash) sees either the old file or the new one, never a torn one.</remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, creating its directory; a <paramref name="secret"/> is readable by its owner only.</summary>
    public static void WriteText(string path, string text, bool secret = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (secret && !OperatingSystem.IsWindows())
            {
                // Private keys are readable by their owner only, from the moment they exist.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> unless the file already holds exactly it (keeps timestamps of unchanged files).</summary>
    public static void WriteTextIfChanged(string path, string text, bool secret = false)
    {
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            return;
        }

        WriteText(path, text, secret);
    }
}
