using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Udesk;
using Dapper;
using Npgsql;

namespace AutoDialer.Chaos.Judging;

/// <summary>Reads the dialer's side of the chaos run from its database: the campaigns' attempts (with whether their
/// hang-up event is stored), their contacts' spent budgets, how many contacts are due, and the events it quarantined.</summary>
internal sealed class DialerRecord(NpgsqlDataSource dataSource, IReadOnlyList<long> campaignIds)
{
    /// <summary>Every attempt of the campaigns, and whether a hang-up event is bound to it. Reads committed rows; locks nothing.</summary>
    private const string AttemptsSql = """
        select a.id as Id, a.contact_id as ContactId, a.phone as Phone, a.status as Status, a.outcome as Outcome,
               exists (select 1 from call_events e where e.attempt_id = a.id and e.name = any(@hangUps)) as HasEndEvent,
               a.campaign_id as CampaignId, a.settled_at as SettledAt, a.callback_at as CallbackAt, a.callback_agent_id as CallbackOwner,
               a.callback_owner_until as CallbackOwnerUntil, a.node as Node, a.vendor_code as VendorCode, a.vendor_message as VendorMessage
        from attempts a
        where a.campaign_id = any(@campaignIds)
        """;

    private const string ContactsSql = "select id, campaign_id, phone, attempts from contacts where campaign_id = any(@campaignIds) and attempts > 0";

    /// <summary>Contacts a running campaign could lease now: pending, due, not on the do-not-call list.</summary>
    private static readonly string DueSql = $"""
        select count(*) from contacts c join campaigns k on k.id = c.campaign_id
        where c.campaign_id = any(@campaignIds) and k.state = '{CampaignStates.Running}'
          and c.state = '{ContactStates.Pending}' and c.next_due_at <= now()
          and not exists (select 1 from dnc d where d.phone = c.phone)
        """;

    private const string QuarantinedSql = "select count(*) from quarantined_events";

    /// <summary>Numbers to put on the do-not-call list: a seeded sample of the first campaign's contacts.</summary>
    private const string SampleNumbersSql = """
        select phone from contacts where campaign_id = @campaignId
        order by hashtextextended(phone, @seed) limit @count
        """;

    private static readonly string[] HangUps = [UdeskEventNames.ConnectionCleared];

    private readonly long[] _campaignIds = [.. campaignIds];

    public async Task<IReadOnlyList<DialerAttempt>> AttemptsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AttemptRow>(
            new CommandDefinition(AttemptsSql, new { campaignIds = _campaignIds, hangUps = HangUps }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DialerAttempt(r.Id, r.ContactId, r.Phone, r.Status, r.Outcome, r.HasEndEvent)
        {
            CampaignId = r.CampaignId,
            SettledAt = Utc(r.SettledAt),
            Why = new AttemptWhy(r.Node, r.VendorCode, r.VendorMessage),
            Callback = r.CallbackAt is { } at && r.CallbackOwner is { } owner && r.CallbackOwnerUntil is { } until
                ? new CallbackCall(Utc(at)!.Value, owner, Utc(until)!.Value)
                : null,
        }).ToList();
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    /// <summary>Contacts that spent any budget.</summary>
    public async Task<IReadOnlyList<DialerContact>> ContactsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(long Id, long CampaignId, string Phone, int Attempts)>(
                new CommandDefinition(ContactsSql, new { campaignIds = _campaignIds }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new DialerContact(r.Id, r.CampaignId, r.Phone, r.Attempts)).ToList();
    }

    public async Task<long> DueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(DueSql, new { campaignIds = _campaignIds }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task<long> QuarantinedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(QuarantinedSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> SampleNumbersAsync(int count, int seed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(SampleNumbersSql, new { campaignId = _campaignIds[0], count, seed = (long)seed },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    private sealed record AttemptRow(long Id, long ContactId, string Phone, string Status, string? Outcome, bool HasEndEvent, long CampaignId,
        DateTime? SettledAt, DateTime? CallbackAt, string? CallbackOwner, DateTime? CallbackOwnerUntil, string Node, string? VendorCode, string? VendorMessage);
}
