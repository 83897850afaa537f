using System.Diagnostics;
using System.Globalization;

namespace AutoDialer.Chaos;

/// <summary>
/// PostgreSQL killed as a crash or an OOM kill does it: SIGKILL to the postmaster and every backend at once, no
/// checkpoint, no goodbye to any client. The next start replays the write-ahead log (crash recovery).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class DatabaseCrash
{
    private static readonly TimeSpan DeathLimit = TimeSpan.FromSeconds(10);

    /// <summary>Kills the server whose data directory is <paramref name="dataDirectory"/> and waits until its processes
    /// are gone; returns how many it killed.</summary>
    public static async Task<int> KillAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        // The backends first in the list (read before anything dies), the postmaster with them: none survives to clean up.
        var children = File.ReadAllText($"/proc/{postmaster}/task/{postmaster}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var killed = 0;
        foreach (var id in children.Prepend(postmaster))
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
                killed++;
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        // The next start refuses to run while a process of the old server still holds its shared memory.
        var deadline = DateTime.UtcNow + DeathLimit;
        while (children.Prepend(postmaster).Any(Alive))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"PostgreSQL's processes did not die within {DeathLimit.TotalSeconds:0} s of SIGKILL");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }

        // A killed postmaster nobody reaps (PID 1 of a container may not) stays a zombie that kill(pid, 0) still finds: its
        // lock file would make pg_ctl wait for it to stop and the next postmaster refuse to start. Every process of the
        // old server is dead, so the file protects nothing; an administrator removes it the same way.
        File.Delete(pidFile);
        return killed;
    }

    /// <summary>Whether the process still runs (a zombie waiting to be reaped does not).</summary>
    private static bool Alive(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
