using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Held from the dial gate's last check (<see cref="DispatchStore.RecheckAsync"/>) until the make-calls it allowed have
/// been answered, then let go (<see cref="DisposeAsync"/>). While it is held, an addition to the do-not-call list of one
/// of its callees, a pause, a cancel or a change of its campaign's settings waits (its locks:
/// <see cref="AdvisoryLocks.DialFenceSharedSql"/>). So an operator's change that has answered is never followed by a
/// call that its check let through a moment before: the change waited for that call.
/// The wait is at most the make-call start limit and <see cref="IdleGrace"/> (4 s by default), and only for changes that
/// touch a call being placed: a call not started by then never starts (the node does not send it, the page does not run
/// it and hangs up a call the vendor placed later), so the fence is let go then even if the vendor has not answered.
/// </summary>
/// <remarks>
/// The fence is an open transaction, so a node that froze (SIGSTOP, a paused VM) or lost the network while holding it
/// would hold it without bound. Three things bound it: PostgreSQL ends the fence's transaction once it has sat idle for
/// its <c>idle_in_transaction_session_timeout</c> (set by <see cref="DispatchStore.RecheckAsync"/> to the make-call
/// start limit and <see cref="IdleGrace"/>), and with it its locks; a change waits for the fence at most
/// <see cref="ChangeWaitLimit"/> (<see cref="ChangeWaitSql"/>), then answers that calls being placed did not finish and
/// changes nothing (<see cref="DialFenceBusyException"/>); and the make-calls under the fence carry a deadline before
/// the fence's end, which neither the node nor the page lets a call start after, so a node that wakes after its fence
/// was ended dials nothing under it.
/// </remarks>
internal sealed class DialFence : IAsyncDisposable
{
    /// <summary>How much longer than the make-call start limit a fence lives: PostgreSQL ends one that sat idle this long
    /// past it, and a node that did not freeze lets it go then. The make-call deadline is the fence's start and the start
    /// limit, so a fence always outlives its deadline by this: the margin for the page's estimate of the server's clock
    /// (a welcome's one-way delay) and for timers firing late.</summary>
    public static readonly TimeSpan IdleGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest an operator's change (a pause, cancel, settings change or do-not-call addition) waits for the fence
    /// (20 s): far above the longest a fence lives with the default start limit (3 s and <see cref="IdleGrace"/>), and
    /// below the 30 s a command gets, so the answer is a clear one.
    /// </summary>
    public static readonly TimeSpan ChangeWaitLimit = TimeSpan.FromSeconds(20);

    /// <summary>Bounds the next lock waits of a change's transaction by <see cref="ChangeWaitLimit"/> (until its commit).</summary>
    public static readonly string ChangeWaitSql =
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"select set_config('lock_timeout', '{(long)ChangeWaitLimit.TotalMilliseconds}ms', true)");

    /// <summary>The idle limit PostgreSQL holds a fence to, for the make-call <paramref name="startLimit"/>, in milliseconds
    /// (as <c>idle_in_transaction_session_timeout</c> takes it; at most what it can hold).</summary>
    public static string IdleLimitOf(TimeSpan startLimit) =>
        ((long)Math.Min(int.MaxValue, (startLimit + IdleGrace).TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Takes the fence's exclusive side for a change (<paramref name="lockSql"/>, one of the dial fence's exclusive
    /// statements), waiting at most <see cref="ChangeWaitLimit"/>; past it, the change's transaction is to be rolled back.
    /// </summary>
    public static async Task WaitForCallsBeingPlacedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string lockSql, object parameters,
        string what, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(ChangeWaitSql, transaction: transaction, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(lockSql, parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new DialFenceBusyException(what, ChangeWaitLimit, e);
        }
    }

    private readonly NpgsqlConnection? _connection;
    private readonly NpgsqlTransaction? _transaction;

    internal DialFence(NpgsqlConnection? connection, NpgsqlTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>A fence around nothing (no lease was checked).</summary>
    public static DialFence None { get; } = new(null, null);

    /// <summary>Lets go: the transaction only read and locked, so it ends by rolling back.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is not null) await _transaction.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // The connection broke: the server ended the transaction, and its locks, with it.
        }
        finally
        {
            if (_connection is not null) await _connection.DisposeAsync();
        }
    }
}
