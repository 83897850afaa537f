using System.Diagnostics;
using System.Globalization;

namespace AutoDialer.PostgreSql.Embedded;

/// <summary>
/// One file per user of a running server (<c>&lt;pid&gt;-&lt;token&gt;</c>, holding the process start time).
/// The server is stopped only when no live user remains; a user that died without cleaning up (kill -9) is
/// recognised by its process being gone, or its pid being reused by a process started at another time.
/// Only touched while the <see cref="ClusterLock"/> is held.
/// </summary>
internal sealed class ServerLeases(string directory)
{
    public string Add()
    {
        Directory.CreateDirectory(directory);
        using var self = Process.GetCurrentProcess();
        // Several instances in one process each hold their own lease, hence the token after the pid.
        var lease = Path.Combine(directory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllText(lease, StartTicks(self).ToString(CultureInfo.InvariantCulture));
        return lease;
    }

    /// <summary>Removes <paramref name="lease"/> and every lease of a dead process; returns how many remain.</summary>
    public int Release(string lease)
    {
        File.Delete(lease);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var live = 0;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (IsLive(file))
            {
                live++;
            }
            else
            {
                File.Delete(file);
            }
        }

        return live;
    }

    private static bool IsLive(string lease)
    {
        var name = Path.GetFileName(lease);
        var dash = name.IndexOf('-');
        if (!int.TryParse(dash < 0 ? name : name[..dash], out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            // Unreadable content: trust the pid rather than stop a server someone may be using.
            if (!long.TryParse(File.ReadAllText(lease), CultureInfo.InvariantCulture, out var recorded))
            {
                return true;
            }

            return Math.Abs(StartTicks(process) - recorded) < TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // exited while we looked
        }
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;
}
