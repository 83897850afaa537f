using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Held from the dial gate's last check (<see cref="DispatchStore.RecheckAsync"/>) until the make-calls it allowed have
/// been answered, then let go (<see cref="DisposeAsync"/>). While it is held, an addition to the do-not-call list of one
/// of its callees, a pause, a cancel or a change of its campaign's settings waits (its locks:
/// <see cref="AdvisoryLocks.DialFenceSharedSql"/>). So an operator's change that has answered is never followed by a
/// call that its check let through a moment before: the change waited for that call.
/// The wait is at most the make-call timeout, and only for changes that touch a call being placed.
/// </summary>
internal sealed class DialFence : IAsyncDisposable
{
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
