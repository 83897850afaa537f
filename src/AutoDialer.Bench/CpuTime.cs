using System.Diagnostics;

namespace AutoDialer.Bench;

/// <summary>
/// CPU spent between two readings: by this process, and by the whole machine (Linux <c>/proc/stat</c>: every state but
/// idle and iowait, so PostgreSQL's backends count too). Divided by the calls placed, it says what a call costs and so
/// what rate the machine's cores can carry at most, whatever the clock speed of the machine the bench runs on.
/// </summary>
internal readonly record struct CpuTime(TimeSpan Process, TimeSpan Machine, TimeSpan Wall)
{
    public static CpuTime Now() => new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, MachineBusy(), Stopwatch.GetElapsedTime(0));

    public static CpuTime operator -(CpuTime end, CpuTime start) => new(end.Process - start.Process, end.Machine - start.Machine, end.Wall - start.Wall);

    /// <summary>CPU milliseconds per unit of work (a call), this process and the machine.</summary>
    public (double Process, double Machine) MillisecondsPer(long units) =>
        units <= 0 ? (0, 0) : (Process.TotalMilliseconds / units, Machine.TotalMilliseconds / units);

    /// <summary>The machine's cores busy on average, 0–<see cref="Environment.ProcessorCount"/>.</summary>
    public double CoresBusy => Wall <= TimeSpan.Zero ? 0 : Machine / Wall;

    private static TimeSpan MachineBusy()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second on Linux).
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var busy = fields.Take(8).Sum() - fields[3] - fields[4];
            return TimeSpan.FromMilliseconds(busy * 10.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
