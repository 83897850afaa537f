using System.Runtime;

namespace AutoDialer.Bench;

/// <summary>
/// The runtime compiling code. Tiered compilation recompiles hot methods in the background for a while after start
/// (measured with <c>perf</c> on the bridge bench: the JIT alone took 23 % of the process 25 s in, with 2,000 calls of
/// warm-up), so a window that starts before it is done measures the JIT, not the dialer — and how long it lasts depends
/// on the machine. Benches warm up until it is quiet, and report what it took in their window.
/// </summary>
internal static class JitActivity
{
    /// <summary>Time spent compiling by every thread since the process started.</summary>
    public static TimeSpan CompilationTime => JitInfo.GetCompilationTime();

    /// <summary>
    /// Waits until the JIT compiled for no more than <paramref name="threshold"/> in a whole <paramref name="period"/>;
    /// false if <paramref name="giveUp"/> came true first.
    /// </summary>
    public static async Task<bool> QuietAsync(TimeSpan period, TimeSpan threshold, Func<bool> giveUp, CancellationToken cancellationToken)
    {
        while (!giveUp())
        {
            var before = CompilationTime;
            await Task.Delay(period, cancellationToken);
            if (CompilationTime - before <= threshold) return true;
        }
        return false;
    }
}
