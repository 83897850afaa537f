using System.Globalization;
using Dapper;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// CPU used by the PostgreSQL server's processes (every backend and background process that
/// <c>pg_stat_activity</c> lists, read from Linux <c>/proc/{pid}/stat</c>), so a bench can say what a unit of work
/// costs the database apart from whatever else the machine runs. Only processes alive at both readings count.
/// </summary>
internal sealed class PostgresCpu
{
    private readonly IReadOnlyDictionary<int, long> _ticks;

    private PostgresCpu(IReadOnlyDictionary<int, long> ticks) => _ticks = ticks;

    public static async Task<PostgresCpu> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var pids = await connection.QueryAsync<int>(new CommandDefinition("select pid from pg_stat_activity", cancellationToken: cancellationToken));
        var ticks = new Dictionary<int, long>();
        foreach (var pid in pids)
        {
            if (TicksOf(pid) is { } used) ticks[pid] = used;
        }
        return new PostgresCpu(ticks);
    }

    /// <summary>CPU used between <paramref name="start"/> and this reading.</summary>
    public TimeSpan Since(PostgresCpu start) =>
        TimeSpan.FromMilliseconds(10.0 * _ticks.Where(t => start._ticks.ContainsKey(t.Key)).Sum(t => t.Value - start._ticks[t.Key]));

    private static long? TicksOf(int pid)
    {
        try
        {
            // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the command name, which may hold spaces.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
