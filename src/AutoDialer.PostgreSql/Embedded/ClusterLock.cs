namespace AutoDialer.PostgreSql.Embedded;

/// <summary>
/// Exclusive lock on the home's lock file, held while one process decides whether to initialise, start or
/// stop the server. On Unix, FileShare.None is an flock, so it excludes other processes and other instances
/// in this process alike, and the kernel drops it when a holder dies.
/// </summary>
internal sealed class ClusterLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private ClusterLock(FileStream stream) => _stream = stream;

    public static async Task<ClusterLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new ClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process holds it for at most an initdb plus a server start.
                await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new EmbeddedPostgresException(
                    $"Timed out after {timeout.TotalSeconds:0} s waiting for {path}: another AutoDialer process is " +
                    "starting or stopping the embedded PostgreSQL server and has not finished.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
