using Dapper;
using Npgsql;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// Dials a campaign the way the dialing engine's contract says (the campaign's state is read in the same transaction
/// that leases the next contact, so a pause takes effect before the next dial), writing attempts and outcomes to the
/// same tables. It stands in for the engine until that lands on this branch; it lets the page be tested against
/// dialling that really happens in the database while the page is open.
/// </summary>
internal sealed class StandInDialer : IAsyncDisposable
{
    private readonly NpgsqlDataSource db;
    private readonly long campaignId;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly List<(int Count, TaskCompletionSource Done)> pausedWaiters = [];
    private int pausedChecks;

    public StandInDialer(NpgsqlDataSource db, long campaignId, TimeSpan pace)
    {
        this.db = db;
        this.campaignId = campaignId;
        loop = Task.Run(() => RunAsync(pace, stop.Token));
    }

    /// <summary>Completes once the dialer has looked at the campaign <paramref name="checks"/> more times and found it not running.</summary>
    public Task NotRunningSeenAsync(int checks)
    {
        lock (pausedWaiters)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pausedWaiters.Add((pausedChecks + checks, waiter));
            return waiter.Task;
        }
    }

    public async Task<long> AttemptsAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("select count(*) from attempts where campaign_id = @campaignId", new { campaignId });
    }

    private async Task RunAsync(TimeSpan pace, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(pace);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var state = await connection.ExecuteScalarAsync<string>(
                "select state from campaigns where id = @campaignId for share", new { campaignId }, transaction);
            if (state != "running")
            {
                await transaction.CommitAsync(cancellationToken);
                NotRunningSeen();
                continue;
            }
            var contact = await connection.QuerySingleOrDefaultAsync<(long Id, string Phone)?>("""
                select id, phone from contacts where campaign_id = @campaignId and state = 'pending'
                order by priority desc, next_due_at limit 1 for update skip locked
                """, new { campaignId }, transaction);
            if (contact is { } c)
            {
                var outcome = c.Id % 3 == 0 ? "no_answer" : "answered";
                var attempt = await connection.ExecuteScalarAsync<long>("""
                    insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, node, created_at)
                    values (@campaignId, @id, 'simulator', 'agent-' || (@id % 4), @phone, @phone, 'stand-in', now()) returning id
                    """, new { campaignId, id = c.Id, phone = c.Phone }, transaction);
                await connection.ExecuteAsync("""
                    update attempts set status = 'settled', outcome = @outcome, ring_seconds = 4,
                           talk_seconds = case when @outcome = 'answered' then 60 end, settled_at = now() where id = @attempt;
                    update contacts set state = 'done', attempts = 1, last_outcome = @outcome, last_attempt_at = now() where id = @id;
                    """, new { attempt, outcome, id = c.Id }, transaction);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private void NotRunningSeen()
    {
        lock (pausedWaiters)
        {
            pausedChecks++;
            foreach (var waiter in pausedWaiters.Where(w => w.Count <= pausedChecks).ToList())
            {
                waiter.Done.TrySetResult();
                pausedWaiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await loop; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
