using AutoDialer.Core.Agents;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Callbacks;

/// <summary>
/// The callbacks still to be dialled (contacts pending with a callback), for an agent's page and for the dashboard:
/// soonest first, with their owner, the owner's grace and why the dial gate last refused them, if it did.
/// </summary>
internal sealed class CallbackBoard(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 500;

    /// <summary>
    /// Pending callbacks, filtered by campaign, owner and account (each when given); reads the few rows of the partial
    /// index <c>contacts_callbacks_due</c> and the note of the disposition that asked for each.
    /// </summary>
    private const string ListSql = $"""
        select c.id as ContactId, c.campaign_id as CampaignId, k.name as CampaignName, c.name as ContactName, c.phone as Phone,
               c.callback_at as At, c.callback_agent_id as OwnerAgentId, c.callback_owner_until as OwnerUntil, c.wait_reason as WaitReason,
               (select a.disposition_note from attempts a
                where a.contact_id = c.id and a.disposition_effect = '{DispositionEffects.Callback}' order by a.id desc limit 1) as Note
        from contacts c join campaigns k on k.id = c.campaign_id
        where c.state = '{ContactStates.Pending}' and c.callback_at is not null
          and (@campaignId::bigint is null or c.campaign_id = @campaignId)
          and (@agentId::text is null or c.callback_agent_id = @agentId)
          and (@providerAccount::text is null or coalesce(k.settings->>'provider_account', 'simulator') = @providerAccount)
        order by c.callback_at, c.id
        limit @limit
        """;

    /// <param name="now">The dialer's clock: each callback's <see cref="CallbackEntry.State"/> is where it stands then.</param>
    public async Task<IReadOnlyList<CallbackEntry>> ListAsync(long? campaignId, string? agentId, string? providerAccount, int limit, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql,
            new { campaignId, agentId, providerAccount, limit = Math.Clamp(limit, 1, MaxLimit) }, cancellationToken: cancellationToken));
        return rows.Select(r => new CallbackEntry(r.ContactId, r.CampaignId, r.CampaignName, r.ContactName, DialString.FromE164(r.Phone),
            Utc(r.At), r.OwnerAgentId, Utc(r.OwnerUntil), r.Note, r.WaitReason, CallbackStates.At(Utc(r.At), Utc(r.OwnerUntil), now).ToName())).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record Row(long ContactId, long CampaignId, string CampaignName, string? ContactName, string Phone, DateTime At, string OwnerAgentId,
        DateTime OwnerUntil, string? WaitReason, string? Note);
}
