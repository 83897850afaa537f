using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The one way AutoDialer opens a connection pool, so every host, command and bench talks to PostgreSQL alike.
/// </summary>
internal static class AutoDialerDataSource
{
    /// <summary>Seconds of idleness before a keepalive (Npgsql's and TCP's), unless the connection string sets them.</summary>
    public const int KeepAliveSeconds = 15;

    /// <summary>Seconds between TCP keepalive probes once one went unanswered, unless the connection string sets it.</summary>
    public const int TcpKeepAliveIntervalSeconds = 5;

    /// <summary>
    /// The service key of AutoDialer's own <see cref="NpgsqlDataSource"/> in an application's container: a host's own
    /// (unkeyed) data source is neither used nor replaced.
    /// </summary>
    public const string ServiceKey = "AutoDialer";

    /// <summary>
    /// A data source for <paramref name="connectionString"/>. Unless the connection string says otherwise, statements
    /// used more than once on a connection are prepared automatically: dispatch and reconciliation run the same few
    /// statements thousands of times a second, and planning them afresh each time is a good part of the server's work.
    /// </summary>
    /// <remarks>
    /// Unless the connection string sets them, connections are kept alive (<c>Keepalive</c>: a query every
    /// <see cref="KeepAliveSeconds"/> s on an idle connection) and TCP keepalive is on (<c>Tcp Keepalive</c>, first probe
    /// after <see cref="KeepAliveSeconds"/> s, then every <see cref="TcpKeepAliveIntervalSeconds"/> s), so a connection to a
    /// database that is gone or cut off is found dead in under a minute instead of at the kernel's 2 h 11 min.
    /// </remarks>
    /// <remarks>
    /// A connection going back to the pool keeps its session as it is (<c>No Reset On Close</c>): Npgsql's reset is seven
    /// statements (<c>RESET ALL</c>, <c>DISCARD SEQUENCES</c>, <c>pg_advisory_unlock_all()</c>, …) sent with the next use
    /// of every pooled connection, about three statements a call on the bridge bench, for state AutoDialer does not
    /// leave behind: its settings are transaction-local (<c>set_config(…, true)</c>), its session locks are given back
    /// explicitly, and the attempt ids, which were the reason for <c>DISCARD SEQUENCES</c>, come from a sequence without a
    /// session cache (migration 029), so they are in time order across pooled connections and nodes anyway.
    /// </remarks>
    /// <remarks>
    /// Unless the connection string's <c>Options</c> set it, every statement is planned for its parameters and the tables
    /// as they are now (<c>plan_cache_mode=force_custom_plan</c>): after five executions of a prepared statement PostgreSQL
    /// may keep one generic plan, made for the table's size at that moment, until the next analyze of the table. Dispatch
    /// and the event pump fill their tables from nothing at a thousand rows a second (a new database, a day's first
    /// campaign), so a plan made while <c>callee_dials</c> or <c>call_events</c> held a few hundred rows read them whole
    /// while they held a hundred thousand, a minute later (30–80 ms a statement, the in-process bench's p99 at 200,000
    /// contacts 130–190 ms). Planning each time costs less than one such scan (PostgreSQL's CPU a call fell with it).
    /// </remarks>
    /// <remarks>
    /// Unless the connection string's <c>Options</c> set it, PostgreSQL does not compile statements to machine code
    /// (<c>jit=off</c>). It decides to by a statement's estimated cost, and AutoDialer's statements are small but their
    /// estimates are not before a table's first analyze: the event pump's read of a batch's ended calls, estimated at
    /// hundreds of events an attempt in an unanalyzed <c>call_events</c>, crossed the thresholds for compiling with
    /// optimisation and inlining once a batch held 500 events, and each execution then spent 100–200 ms compiling a read
    /// of a few hundred rows. A slower batch makes the next one larger: the 1,000-agent bridge bench's idle → make-call
    /// p99 went to 450–1,070 ms in the runs where that began.
    /// </remarks>
    /// <remarks>
    /// Unless the connection string's <c>Options</c> set it, PostgreSQL ends a connection whose transaction has sat idle
    /// for <paramref name="idleTransactionLimit"/> (<c>idle_in_transaction_session_timeout</c>, <see cref="IdleTransactionLimit"/>
    /// by default), and with it the transaction's locks. AutoDialer's transactions never wait for anything but PostgreSQL
    /// between their statements, so a transaction idle that long belongs to a node that froze (SIGSTOP, a paused VM) or
    /// lost the network in the middle of it, whose connection the server still thinks alive. Leases and settlements take
    /// the campaign's caller numbers' rows for update: one held by a frozen node stopped every other node's leases and
    /// settlements, and so all dialing, for as long as the node stayed frozen. The dial fence bounds its own transaction
    /// more tightly (<see cref="Dispatch.DialFence"/>); an import, whose file may be read again midway, allows itself longer.
    /// </remarks>
    /// <param name="loggerFactory">Where Npgsql logs (the container's, in a host); none: Npgsql stays silent.</param>
    /// <param name="resetSessions">Reset each connection's session on its return to the pool, for a pool whose users leave
    /// session state behind (the job store's: Hangfire's long-polling listeners <c>LISTEN</c>).</param>
    /// <param name="idleTransactionLimit">How long a transaction may sit idle before PostgreSQL ends its connection; null:
    /// <see cref="IdleTransactionLimit"/>; zero: no limit (the job store's pool: Hangfire's storage is not AutoDialer's to bound).</param>
    /// <param name="name">The pool's name in Npgsql's metrics, traces and logs (<c>db_client_connection_pool_name</c>):
    /// short and stable, where Npgsql's default is the whole connection string (its host, user and database in every
    /// series).</param>
    public static NpgsqlDataSource Create(string connectionString, ILoggerFactory? loggerFactory = null, bool resetSessions = false,
        string name = "autodialer", TimeSpan? idleTransactionLimit = null)
    {
        var idleLimit = idleTransactionLimit ?? IdleTransactionLimit;
        ArgumentOutOfRangeException.ThrowIfLessThan(idleLimit, TimeSpan.Zero, nameof(idleTransactionLimit));
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
        if (loggerFactory is not null)
            builder.UseLoggerFactory(loggerFactory);
        if (!resetSessions)
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        KeepAlive(builder.ConnectionStringBuilder);
        AddUnlessSet(builder.ConnectionStringBuilder, "plan_cache_mode", CustomPlansOption);
        AddUnlessSet(builder.ConnectionStringBuilder, "jit", NoJitOption);
        if (idleLimit > TimeSpan.Zero)
            AddUnlessSet(builder.ConnectionStringBuilder, "idle_in_transaction_session_timeout", IdleTransactionOption(idleLimit));
        return builder.Build();
    }

    /// <summary>How long one of AutoDialer's transactions may sit idle before PostgreSQL ends its connection (see <see cref="Create"/>).</summary>
    public static readonly TimeSpan IdleTransactionLimit = TimeSpan.FromSeconds(10);

    /// <summary>The server setting that ends a connection whose transaction sat idle for <paramref name="limit"/>.</summary>
    public static string IdleTransactionOption(TimeSpan limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"-c idle_in_transaction_session_timeout={(long)limit.TotalMilliseconds}");

    /// <summary>The server setting that plans every statement for its parameters (see <see cref="Create"/>).</summary>
    public const string CustomPlansOption = "-c plan_cache_mode=force_custom_plan";

    /// <summary>The server setting that keeps statements from being compiled to machine code (see <see cref="Create"/>).</summary>
    public const string NoJitOption = "-c jit=off";

    /// <summary>Adds a server setting to the connection's startup options, unless they already set <paramref name="setting"/>.</summary>
    private static void AddUnlessSet(NpgsqlConnectionStringBuilder settings, string setting, string option)
    {
        if (settings.Options?.Contains(setting + "=", StringComparison.Ordinal) == true)
            return;
        settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? option : settings.Options + " " + option;
    }

    private static void KeepAlive(NpgsqlConnectionStringBuilder settings)
    {
        if (settings.KeepAlive == 0)
            settings.KeepAlive = KeepAliveSeconds;
        if (!settings.TcpKeepAlive && settings.TcpKeepAliveTime == 0)
        {
            settings.TcpKeepAlive = true;
            settings.TcpKeepAliveTime = KeepAliveSeconds;
            settings.TcpKeepAliveInterval = TcpKeepAliveIntervalSeconds;
        }
    }
}
