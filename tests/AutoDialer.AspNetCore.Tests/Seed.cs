using Dapper;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Writes what the dialing engine would write (attempts and their outcomes, contact states, caller-number use),
/// through the same tables and triggers, so the read side can be tested without an engine.
/// </summary>
internal static class Seed
{
    public static async Task<long> AttemptAsync(NpgsqlDataSource db, long campaignId, string phone, string agentId, string? outcome,
        DateTimeOffset at, int? talkSeconds = null, string callerNumber = "+861062345678", string status = "settled", string callerNumberId = "n1")
    {
        await using var connection = await db.OpenConnectionAsync();
        var contactId = await connection.ExecuteScalarAsync<long>(
            "select id from contacts where campaign_id = @campaignId and phone = @phone", new { campaignId, phone });
        var id = await connection.ExecuteScalarAsync<long>("""
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number, node, created_at)
            values (@campaignId, @contactId, 'simulator', @agentId, @phone, @phone, @callerNumberId, @callerNumber, 'test', @at) returning id
            """, new { campaignId, contactId, agentId, phone, callerNumberId, callerNumber, at = at.UtcDateTime });
        // Settled by an update, as the reconciler does: that is what the outcome counters count.
        await connection.ExecuteAsync("""
            update attempts set status = @status, outcome = @outcome, talk_seconds = @talkSeconds, ring_seconds = 5,
                   settled_at = case when @status = 'settled' then @at::timestamptz + interval '1 minute' end
            where id = @id
            """, new { id, status, outcome, talkSeconds, at = at.UtcDateTime });
        return id;
    }

    public static async Task FinishContactAsync(NpgsqlDataSource db, long campaignId, string phone, string outcome)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "update contacts set state = 'done', last_outcome = @outcome, attempts = attempts + 1 where campaign_id = @campaignId and phone = @phone",
            new { campaignId, phone, outcome });
    }
}
