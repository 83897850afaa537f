using System.Text.Json;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>Reads what the agents' cards show of leased contacts (<see cref="CallCardFacts"/>), for a whole dispatch batch in one round trip.</summary>
internal sealed class CallCardStore(NpgsqlDataSource dataSource)
{
    /// <summary>The most earlier attempts a card lists (the latest ones).</summary>
    public const int MaxEarlier = 20;

    /// <summary>
    /// The leases' contacts and campaigns, the note of the disposition that asked for a callback, and each contact's earlier
    /// attempts (the newest <see cref="MaxEarlier"/>, by the <c>attempts_by_contact</c> index). Reads committed rows; locks nothing.
    /// </summary>
    private static readonly string CardsSql = $"""
        select a.id, a.campaign_id, k.name as campaign_name, c.name as contact_name, a.dial_string, c.attributes::text as attributes, c.attempts,
               a.callback_at, c.callback_agent_id, c.callback_owner_until,
               (select p.disposition_note from attempts p
                where p.contact_id = a.contact_id and p.id < a.id and p.disposition_effect = '{DispositionEffects.Callback}'
                order by p.id desc limit 1) as callback_note
        from attempts a join contacts c on c.id = a.contact_id join campaigns k on k.id = a.campaign_id
        where a.id = any(@ids);
        select a.id as attempt_id, p.created_at, p.outcome, p.disposition_code
        from attempts a
        join lateral (select created_at, outcome, disposition_code, id from attempts p
                      where p.contact_id = a.contact_id and p.id < a.id order by p.id desc limit {MaxEarlier}) p on true
        where a.id = any(@ids)
        order by a.id, p.id;
        """;

    /// <summary>Each lease's facts by its attempt id; a lease whose attempt is gone is left out.</summary>
    public async Task<IReadOnlyDictionary<long, CallCardFacts>> ReadAsync(IReadOnlyList<DialLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0) return new Dictionary<long, CallCardFacts>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(CardsSql,
            new { ids = leases.Select(l => l.AttemptId).ToArray() }, cancellationToken: cancellationToken));
        var cards = (await read.ReadAsync<CardRow>()).ToList();
        var earlier = (await read.ReadAsync<(long attempt_id, DateTime created_at, string? outcome, string? disposition_code)>())
            .GroupBy(e => e.attempt_id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EarlierAttempt>)g.Select(e => new EarlierAttempt(Utc(e.created_at), e.outcome, e.disposition_code)).ToList());
        return cards.ToDictionary(c => c.id, c => new CallCardFacts(c.id, c.campaign_id, c.campaign_name, c.contact_name, c.dial_string, Attributes(c.attributes),
            c.attempts,
            c.callback_at is { } at ? new ScheduledCallback(Utc(at), c.callback_agent_id ?? "", c.callback_owner_until is { } until ? Utc(until) : Utc(at)) : null,
            c.callback_note, earlier.GetValueOrDefault(c.id) ?? []));
    }

    /// <summary>The contact's attributes as text: strings as they are, anything else as its JSON.</summary>
    private static Dictionary<string, string> Attributes(string json)
    {
        using var document = JsonDocument.Parse(json);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return attributes;
        foreach (var property in document.RootElement.EnumerateObject())
            attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        return attributes;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record CardRow(long id, long campaign_id, string campaign_name, string? contact_name, string dial_string, string attributes, int attempts,
        DateTime? callback_at, string? callback_agent_id, DateTime? callback_owner_until, string? callback_note);
}
