using AutoDialer.Core.Telephony.Udesk;
using Dapper;
using Npgsql;

namespace AutoDialer.Chaos.Judging;

/// <summary>Reads the dialer's side of the chaos run from its database: the campaign's attempts (with whether their
/// hang-up event is stored) and the events it quarantined.</summary>
internal sealed class DialerRecord(NpgsqlDataSource dataSource, long campaignId)
{
    /// <summary>Every attempt of the campaign, and whether a hang-up event is bound to it. Reads committed rows; locks nothing.</summary>
    private const string AttemptsSql = """
        select a.id, a.contact_id, a.phone, a.status, a.outcome,
               exists (select 1 from call_events e where e.attempt_id = a.id and e.name = any(@hangUps)) as has_end_event
        from attempts a
        where a.campaign_id = @campaignId
        """;

    private const string QuarantinedSql = "select count(*) from quarantined_events";

    /// <summary>Numbers to put on the do-not-call list: a seeded sample of the campaign's contacts.</summary>
    private const string SampleNumbersSql = """
        select phone from contacts where campaign_id = @campaignId
        order by hashtextextended(phone, @seed) limit @count
        """;

    private static readonly string[] HangUps = [UdeskEventNames.ConnectionCleared];

    public async Task<IReadOnlyList<DialerAttempt>> AttemptsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, long ContactId, string Phone, string Status, string? Outcome, bool HasEndEvent)>(
            new CommandDefinition(AttemptsSql, new { campaignId, hangUps = HangUps }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DialerAttempt(r.Id, r.ContactId, r.Phone, r.Status, r.Outcome, r.HasEndEvent)).ToList();
    }

    public async Task<long> QuarantinedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(QuarantinedSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> SampleNumbersAsync(int count, int seed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(SampleNumbersSql, new { campaignId, count, seed = (long)seed },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }
}
