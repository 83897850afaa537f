using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Preview offers in the database: an offered attempt holds its contact (state dialing, one live attempt) like any lease,
/// so no other agent on any node is offered it. <see cref="AcceptAsync"/> turns it into a call about to be dialled;
/// <see cref="ReleaseAsync"/> gives the contact back unspent (a skip, a countdown that skips, a page gone, an offer that
/// expired with its node); both act only on an attempt still offered, so an offer ends one way.
/// </summary>
internal sealed class PreviewOffers(NpgsqlDataSource dataSource)
{
    private static readonly string AcceptSql = $"""
        update attempts set status = '{AttemptStatuses.Dialing}', offer_expires_at = null where id = @id and status = '{AttemptStatuses.Offered}'
        """;

    /// <summary>
    /// Removes offered attempts and their dials, and gives their contacts back (pending, due as given, the attempt refunded):
    /// only attempts still offered, locked by the delete. Returns the attempts released.
    /// </summary>
    private static readonly string ReleaseSql = $"""
        with released as (
            delete from attempts a using unnest(@ids, @dues) as r(id, due)
            where a.id = r.id and a.status = '{AttemptStatuses.Offered}'
            returning a.id, a.contact_id, r.due
        ), dials as (
            delete from callee_dials d using released where d.attempt_id = released.id
        ), moved as (
            update contacts c set state = '{ContactStates.Pending}', next_due_at = released.due, attempts = c.attempts - 1,
                                  attempts_today = greatest(c.attempts_today - 1, 0), wait_reason = null
            from released where c.id = released.contact_id
        )
        select id from released
        """;

    /// <summary>Counts an agent's skip for its day (in the campaign's zone).</summary>
    private const string CountSkipSql = """
        insert into preview_skips as s (campaign_id, agent_id, day, skips) values (@campaignId, @agentId, @day, 1)
        on conflict (campaign_id, agent_id, day) do update set skips = s.skips + 1
        """;

    private const string SkipsSql = "select coalesce((select skips from preview_skips where campaign_id = @campaignId and agent_id = @agentId and day = @day), 0)";

    internal static readonly string ExpiredSql = $"""
        select id from attempts where status = '{AttemptStatuses.Offered}' and offer_expires_at < @cutoff order by offer_expires_at limit @limit
        """;

    /// <summary>The agent dials: the offer becomes a call about to be placed. False when it was released meanwhile (it expired).</summary>
    public async Task<bool> AcceptAsync(long attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(AcceptSql, new { id = attemptId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Gives back the contacts of offers still offered, each due at its time; an agent's skip is counted for its day.</summary>
    /// <returns>The attempts released (an offer accepted or released meanwhile is not).</returns>
    public async Task<IReadOnlyList<long>> ReleaseAsync(IReadOnlyList<(long AttemptId, DateTimeOffset Due)> offers, PreviewSkip? skip,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (offers.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var released = (await connection.QueryAsync<long>(new CommandDefinition(ReleaseSql,
            new { ids = offers.Select(o => o.AttemptId).ToArray(), dues = offers.Select(o => o.Due.ToUniversalTime()).ToArray() },
            transaction, cancellationToken: cancellationToken))).ToList();
        if (skip is not null && released.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(CountSkipSql, new { skip.CampaignId, skip.AgentId, skip.Day }, transaction,
                cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return released;
    }

    /// <summary>How many contacts the agent skipped on <paramref name="day"/> in the campaign.</summary>
    public async Task<int> SkipsAsync(long campaignId, string agentId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(SkipsSql, new { campaignId, agentId, day }, cancellationToken: cancellationToken));
    }

    /// <summary>Offers whose countdown ended before <paramref name="cutoff"/> and that are still offered (their node is gone).</summary>
    public async Task<IReadOnlyList<long>> ExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(ExpiredSql, new { cutoff = cutoff.ToUniversalTime(), limit },
            cancellationToken: cancellationToken))).ToList();
    }
}
