using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The one way AutoDialer opens a connection pool, so every host, command and bench talks to PostgreSQL alike.
/// </summary>
public static class AutoDialerDataSource
{
    /// <summary>
    /// The service key of AutoDialer's own <see cref="NpgsqlDataSource"/> in an application's container: a host's own
    /// (unkeyed) data source is neither used nor replaced.
    /// </summary>
    public const string ServiceKey = "AutoDialer";

    /// <summary>
    /// A data source for <paramref name="connectionString"/>. Unless the connection string says otherwise, statements
    /// used more than once on a connection are prepared automatically: dispatch and reconciliation run the same few
    /// statements thousands of times a second, and planning them afresh each time is a good part of the server's work.
    /// Nor is a connection's session reset when it goes back to the pool: AutoDialer changes no session state (its
    /// settings are <c>set local</c>, its session-level advisory locks unlocked explicitly), and the reset is seven
    /// statements, sent before the next use of every connection — on the bridge, more statements than the dialing
    /// itself (pg_stat_statements, 8 s of <c>bench dispatch --transport bridge</c>: 1,601 resets of 7 statements for
    /// 3,901 calls, most of them after a heartbeat's one-statement touch).
    /// </summary>
    /// <param name="connectionString">The database; its own pooling keywords win over these defaults.</param>
    /// <param name="resetSessions">Reset each session on its return to the pool anyway: for a pool shared with code
    /// that may leave state behind (Hangfire's LISTEN connections).</param>
    public static NpgsqlDataSource Create(string connectionString, bool resetSessions = false)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        if (!resetSessions && !connectionString.Contains("reset on close", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}
