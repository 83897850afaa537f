using System.Diagnostics;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// Fills a bench database with one running campaign of N contacts straight in SQL (generate_series, in batches so
/// each statement's counter trigger aggregates a bounded set): a tenth finished, one in fifty suppressed, the rest
/// pending, and one settled attempt per finished contact (capped at a million), settled by an update as the
/// reconciler does so the outcome counters are real.
/// </summary>
internal static class DashboardSeed
{
    private const int Batch = 1_000_000;

    public static async Task<long> LoadAsync(NpgsqlDataSource db, long campaignId, long contacts, Action<string>? report, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var listId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into contact_lists (campaign_id, file_name, content_sha256, encoding, delimiter, header, rows, accepted)
            values (@campaignId, 'bench.csv', sha256(convert_to(@campaignId::text, 'UTF8')), 'utf-8', ',', '{phone,name}', @contacts, @contacts)
            returning id
            """, new { campaignId, contacts }, cancellationToken: cancellationToken));

        var clock = Stopwatch.StartNew();
        for (long from = 1; from <= contacts; from += Batch)
        {
            var to = Math.Min(contacts, from + Batch - 1);
            await connection.ExecuteAsync(new CommandDefinition($"""
                insert into contacts (campaign_id, list_id, line_no, phone, name, state, last_outcome)
                select @campaignId, @listId, g + 1, '+86138' || lpad(g::text, 8, '0'), '客户' || g,
                       case when g % 10 = 0 then '{ContactStates.Done}' when g % 50 = 1 then '{ContactStates.Suppressed}' else '{ContactStates.Pending}' end,
                       case when g % 10 = 0 then (case when g % 30 = 0 then '{CallOutcomes.Busy}' else '{CallOutcomes.Answered}' end) end
                from generate_series(@from, @to) g
                """, new { campaignId, listId, from, to }, commandTimeout: 0, cancellationToken: cancellationToken));
            report?.Invoke($"contacts {to:N0}/{contacts:N0} ({clock.Elapsed.TotalSeconds:N0} s)");
        }

        // Attempts for finished contacts, spread over the last hours so calls per hour and the rate have something to show.
        var attempts = Math.Min(contacts / 10, 1_000_000);
        await connection.ExecuteAsync(new CommandDefinition($"""
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number, node, created_at)
            select @campaignId, c.id, 'simulator', 'agent-' || (c.id % 200), c.phone, substr(c.phone, 4), 'n1', '+861062345678', 'bench',
                   now() - (row_number() over (order by c.id desc)) * interval '20 milliseconds'
            from contacts c where c.campaign_id = @campaignId and c.state = '{ContactStates.Done}'
            order by c.id limit @attempts
            """, new { campaignId, attempts }, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"""
            update attempts a set status = '{AttemptStatuses.Settled}', outcome = c.last_outcome, ring_seconds = 6,
                   talk_seconds = case when c.last_outcome = '{CallOutcomes.Answered}' then 95 end, settled_at = a.created_at + interval '2 minutes'
            from contacts c where c.id = a.contact_id and a.campaign_id = @campaignId
            """, new { campaignId }, commandTimeout: 0, cancellationToken: cancellationToken));
        report?.Invoke($"attempts {attempts:N0} ({clock.Elapsed.TotalSeconds:N0} s)");

        foreach (var table in new[] { "contacts", "attempts", "campaign_counters", "campaign_outcomes" })
            await connection.ExecuteAsync(new CommandDefinition($"vacuum analyze {table}", commandTimeout: 0, cancellationToken: cancellationToken));
        return attempts;
    }
}
