using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// The storage half of dispatch: it reads facts and writes what the engine decided, and decides nothing.
/// <see cref="BeginLeaseAsync"/> opens one lease transaction (<see cref="LeaseTransaction"/>) that reads and locks what a
/// lease decides on and writes its plan; <see cref="RecheckAsync"/> reads again, under a <see cref="DialFence"/> that
/// operators' changes wait for, what the gate's second check decides on; <see cref="ReleaseAsync"/> gives back what
/// that check refused; <see cref="MarkPlacedAsync"/> and <see cref="MarkUnknownAsync"/> record make-call answers.
/// </summary>
internal sealed class DispatchStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    /// <summary>Counts refusals per campaign, stage and reason; one row per campaign and reason, locked in that order.</summary>
    internal const string CountRefusalsSql = """
        insert into dial_gate_refusals as r (campaign_id, stage, reason, refusals)
        select campaign_id, @stage, reason, count(*) from unnest(@refusedCampaigns, @refusedReasons) as f(campaign_id, reason)
        group by campaign_id, reason order by campaign_id, reason
        on conflict (campaign_id, stage, reason) do update set refusals = r.refusals + excluded.refusals
        """;

    private const string RunningCampaignsSql = $"""
        select id, name, settings::text, time_zone, updated_at from campaigns where state = '{CampaignStates.Running}'
        """;

    /// <summary>
    /// What the gate's second check reads, after the fence's locks and in statements of their own, so they see whatever a
    /// change that held those locks before committed: the leases' campaigns, their contacts with the do-not-call list,
    /// and their callees' dials in the last week.
    /// </summary>
    private static readonly string RecheckSql = $"""
        select set_config('idle_in_transaction_session_timeout', @idleLimitMs, true);
        {AdvisoryLocks.DialFenceSharedSql};
        select id, state, updated_at from campaigns where id = any(@campaignIds);
        select a.id, a.status, c.attempts, c.attempts_today, c.timezone, exists (select 1 from dnc d where d.phone = a.phone) as on_dnc,
               a.callback_at is not null as callback
        from attempts a join contacts c on c.id = a.contact_id where a.id = any(@ids);
        select attempt_id, phone, dialled_at, caller_number from callee_dials where phone = any(@phones) and dialled_at > @since;
        """;

    /// <summary>Removes leases the second check refused (their dials first), before anything was dialled.</summary>
    private static readonly string ReleaseSql = $"""
        delete from callee_dials where attempt_id = any(@ids);
        delete from attempts where id = any(@ids) and status in ('{AttemptStatuses.Dialing}', '{AttemptStatuses.Offered}');
        {ContactMoves.Sql};
        {CountRefusalsSql}
        """;

    /// <summary>
    /// Marks a batch placed, its rows locked first in id order (<see cref="AttemptLockOrder"/>): the event pump binds
    /// CallIDs to the same just-placed attempts at the same time, and two updates locking them in the orders of their
    /// arrays deadlocked (PostgreSQL found it only after its <c>deadlock_timeout</c> of 1 s, with the pump stalled).
    /// </summary>
    private const string MarkPlacedSql = $"""
        with locked as materialized ({AttemptLockOrder.LockSql})
        update attempts a set status = '{AttemptStatuses.Placed}', call_id = coalesce(a.call_id, p.call_id)
        from locked l join unnest(@ids, @callIds) as p(id, call_id) on p.id = l.id
        where a.id = l.id and a.status = '{AttemptStatuses.Dialing}'
        """;

    private const string MarkUnknownSql = $"""
        update attempts set status = '{AttemptStatuses.Unknown}', vendor_code = @vendorCode, vendor_message = @vendorMessage
        where id = @attemptId and status = '{AttemptStatuses.Dialing}'
        """;

    /// <summary>How far back the second check reads a callee's dials: the longest window of any frequency cap.</summary>
    private static readonly TimeSpan RecheckLookback = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<RunningCampaign>> RunningCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long id, string name, string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
            RunningCampaignsSql, cancellationToken: cancellationToken));
        return rows.Select(r => new RunningCampaign(r.id, r.name, settingsCache.Get(r.id, r.updated_at, r.settings, r.time_zone))).ToList();
    }

    /// <summary>
    /// Opens the lease transaction for <paramref name="agentIds"/> (distinct, in order of service) of one campaign and
    /// reads in one round trip what it decides on (<see cref="LeaseTransaction"/>).
    /// </summary>
    /// <param name="callerNumbers">Whether the campaign's caller numbers are read, and locked.</param>
    public Task<LeaseTransaction> BeginLeaseAsync(long campaignId, string providerAccount, IReadOnlyList<string> agentIds, DateTimeOffset now,
        CallerNumberRead callerNumbers, CancellationToken cancellationToken) =>
        LeaseTransaction.BeginAsync(dataSource, campaignId, providerAccount, agentIds, now, callerNumbers, cancellationToken);

    /// <summary>
    /// What the gate's second check decides on, just before make-call (after trunk selection, which can take a while), read
    /// in one round trip: one <see cref="LeaseRecheck"/> per lease, in order (null when its attempt or campaign is gone),
    /// and the <see cref="DialFence"/> taken before the reads, which the caller holds until the allowed make-calls have
    /// been answered. PostgreSQL ends the fence (and lets its locks go) once it has sat idle for
    /// <paramref name="startLimit"/> and <see cref="DialFence.IdleGrace"/>: a node that froze holding it holds nobody up
    /// for longer.
    /// </summary>
    public async Task<(IReadOnlyList<LeaseRecheck?> Rechecks, DialFence Fence)> RecheckAsync(IReadOnlyList<DialLease> leases, DateTimeOffset now,
        TimeSpan startLimit, CancellationToken cancellationToken)
    {
        if (leases.Count == 0) return ([], DialFence.None);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        DialFence? fence = null;
        try
        {
            fence = new DialFence(connection, await connection.BeginTransactionAsync(cancellationToken));
            return (await ReadRechecksAsync(connection, leases, now, startLimit, cancellationToken), fence);
        }
        catch
        {
            if (fence is not null) await fence.DisposeAsync();
            else await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<LeaseRecheck?>> ReadRechecksAsync(NpgsqlConnection connection, IReadOnlyList<DialLease> leases, DateTimeOffset now,
        TimeSpan startLimit, CancellationToken cancellationToken)
    {
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(RecheckSql, new
        {
            campaignIds = leases.Select(l => l.CampaignId).Distinct().ToArray(),
            ids = leases.Select(l => l.AttemptId).ToArray(),
            phones = leases.Select(l => l.Phone).Distinct().ToArray(),
            since = (now - RecheckLookback).ToUniversalTime(),
            idleLimitMs = DialFence.IdleLimitOf(startLimit),
        }, cancellationToken: cancellationToken));
        await read.ReadAsync(); // the fence's idle limit
        await read.ReadAsync(); // the fence's locks
        var states = (await read.ReadAsync<(long id, string state, DateTime updated_at)>()).ToList();
        var contactOf = (await read.ReadAsync<(long id, string status, int attempts, int attempts_today, string? timezone, bool on_dnc, bool callback)>())
            .ToDictionary(c => c.id);
        var dials = (await read.ReadAsync<(long attempt_id, string phone, DateTime dialled_at, string? caller_number)>()).ToList();
        await read.DisposeAsync(); // the connection runs one command at a time
        var campaigns = new Dictionary<long, (bool Running, CampaignSettings Settings)>();
        foreach (var (id, state, version) in states)
        {
            // The settings as they are now: read again only when this version of them has not been parsed yet.
            if (!settingsCache.TryGet(id, version, out var settings))
            {
                var stored = await connection.QuerySingleAsync<(string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
                    "select settings::text, time_zone, updated_at from campaigns where id = @id", new { id }, cancellationToken: cancellationToken));
                settings = settingsCache.Get(id, stored.updated_at, stored.settings, stored.time_zone);
            }
            campaigns[id] = (CampaignStates.Parse(state) == CampaignState.Running, settings);
        }

        var rechecks = new List<LeaseRecheck?>(leases.Count);
        foreach (var lease in leases)
        {
            if (!campaigns.TryGetValue(lease.CampaignId, out var campaign) || !contactOf.TryGetValue(lease.AttemptId, out var contact))
            {
                rechecks.Add(null);
                continue;
            }
            var otherDials = dials.Where(d => d.phone == lease.Phone && d.attempt_id != lease.AttemptId)
                .Select(d => new CalleeDial(new DateTimeOffset(DateTime.SpecifyKind(d.dialled_at, DateTimeKind.Utc)), d.caller_number)).ToList();
            rechecks.Add(new LeaseRecheck(campaign.Running, campaign.Settings, contact.on_dnc, contact.attempts, contact.attempts_today, contact.timezone,
                otherDials, AttemptStatuses.Parse(contact.status), contact.callback));
        }
        return rechecks;
    }

    /// <summary>
    /// Gives back leases the second check refused, before anything was dialled, in one transaction: the attempt and its
    /// dial are removed, the contact moves as <paramref name="released"/> says (its attempt given back), and the
    /// refusals are counted.
    /// </summary>
    public async Task ReleaseAsync(IReadOnlyList<(DialLease Lease, ContactMove Move)> released, CancellationToken cancellationToken)
    {
        if (released.Count == 0) return;
        var moves = released.Select(r => r.Move).ToList();
        var parameters = new DynamicParameters(new
        {
            ids = released.Select(r => r.Lease.AttemptId).ToArray(),
            stage = DialGateStage.Dial.ToName(),
            refusedCampaigns = released.Select(r => r.Lease.CampaignId).ToArray(),
            refusedReasons = moves.Select(m => m.Reason.ToName()).ToArray(),
        });
        ContactMoves.AddParameters(parameters, moves);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The provider accepted these calls: they are ringing or about to. One statement for a batch.</summary>
    public async Task MarkPlacedAsync(IReadOnlyList<(long AttemptId, string? CallId)> placed, CancellationToken cancellationToken)
    {
        if (placed.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkPlacedSql,
            new { ids = placed.Select(p => p.AttemptId).ToArray(), callIds = placed.Select(p => p.CallId).ToArray() },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Make-call timed out or the session went away: whether the phone rang is unknown. The attempt stays live (the
    /// contact is not redialled) until its events arrive or the stale-attempt sweeper settles it.
    /// </summary>
    public async Task MarkUnknownAsync(long attemptId, string vendorCode, string vendorMessage, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkUnknownSql, new { attemptId, vendorCode, vendorMessage },
            cancellationToken: cancellationToken));
    }
}
