namespace K8sGossip.Kubernetes.Configuration;

/// <summary>A token read from a file that the kubelet rotates (projected service-account tokens).</summary>
/// <remarks>
/// The file's modification time is checked at most once per <see cref="RefreshInterval"/>, as client-go does,
/// so a rotated token is picked up within a minute without a file read per request. If a later read fails
/// (the kubelet swaps files atomically, but a read may still race), the last good token is kept.
/// </remarks>
public sealed class FileTokenSource : IKubeTokenSource
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTime _fileTime;
    private long _lastCheck;

    /// <summary>Creates a source reading <paramref name="path"/>; the first read happens at once so a missing file fails early.</summary>
    /// <param name="path">The token file.</param>
    /// <param name="time">The clock used to pace re-checks.</param>
    /// <param name="refreshInterval">How often at most to check the file for changes; one minute when null.</param>
    public FileTokenSource(string path, TimeProvider time, TimeSpan? refreshInterval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        _path = path;
        _time = time;
        RefreshInterval = refreshInterval ?? TimeSpan.FromMinutes(1);
        _ = GetToken();
    }

    /// <summary>How often at most the file is checked for a new token.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <inheritdoc />
    public string GetToken()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_token is not null && _time.GetElapsedTime(_lastCheck, now) < RefreshInterval)
            {
                return _token;
            }

            _lastCheck = now;
            try
            {
                var fileTime = File.GetLastWriteTimeUtc(_path);
                if (_token is null || fileTime != _fileTime)
                {
                    var text = File.ReadAllText(_path).Trim();
                    if (text.Length == 0)
                    {
                        throw new KubeConfigException($"The token file '{_path}' is empty.");
                    }

                    _token = text;
                    _fileTime = fileTime;
                }
            }
            catch (Exception ex) when (_token is null && ex is IOException or UnauthorizedAccessException)
            {
                throw new KubeConfigException($"Cannot read the token file '{_path}': {ex.Message}", ex);
            }
            catch (Exception ex) when (_token is not null && ex is IOException or UnauthorizedAccessException or KubeConfigException)
            {
                // Keep serving the last good token; the next check retries the file.
            }

            return _token;
        }
    }
}
