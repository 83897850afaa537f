using System.Diagnostics;

namespace AutoDialer.Bench;

/// <summary>
/// CPU spent between two readings: by this process, and by the whole machine (Linux <c>/proc/stat</c>: every state but
/// idle and iowait, so PostgreSQL's backends count too), and the machine's idle time (idle and iowait). Divided by the
/// calls placed, it says what a call costs and so what rate the machine's cores can carry at most, whatever the clock
/// speed of the machine the bench runs on; the idle share says whether the run was bound by its cores.
/// </summary>
internal readonly record struct CpuTime(TimeSpan Process, TimeSpan Machine, TimeSpan Wall, TimeSpan MachineIdle)
{
    public static CpuTime Now()
    {
        var (busy, idle) = MachineTicks();
        return new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, busy, Stopwatch.GetElapsedTime(0), idle);
    }

    public static CpuTime operator -(CpuTime end, CpuTime start) =>
        new(end.Process - start.Process, end.Machine - start.Machine, end.Wall - start.Wall, end.MachineIdle - start.MachineIdle);

    /// <summary>CPU milliseconds per unit of work (a call), this process and the machine.</summary>
    public (double Process, double Machine) MillisecondsPer(long units) =>
        units <= 0 ? (0, 0) : (Process.TotalMilliseconds / units, Machine.TotalMilliseconds / units);

    /// <summary>The machine's cores busy on average, 0–<see cref="Environment.ProcessorCount"/>.</summary>
    public double CoresBusy => Wall <= TimeSpan.Zero ? 0 : Machine / Wall;

    /// <summary>The share of the machine's core time spent idle (idle and iowait), 0–1: near 0 a run was bound by its cores.</summary>
    public double IdleShare => Machine + MachineIdle <= TimeSpan.Zero ? 0 : MachineIdle / (Machine + MachineIdle);

    private static (TimeSpan Busy, TimeSpan Idle) MachineTicks()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second on Linux).
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            var busy = fields.Take(8).Sum() - idle;
            return (TimeSpan.FromMilliseconds(busy * 10.0), TimeSpan.FromMilliseconds(idle * 10.0));
        }
        catch (IOException)
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }
    }
}
