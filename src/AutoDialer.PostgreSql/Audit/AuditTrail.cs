using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Audit;

/// <summary>
/// The audit trail (<c>audit_entries</c>). A store that changes state writes its entry with <see cref="WriteAsync"/> in
/// the transaction of the change, so the two commit or roll back together; a sign-in, which changes nothing here, is
/// recorded on its own (<see cref="RecordAsync"/>); a change made by another store's connection (Hangfire's) is wrapped
/// by <see cref="RecordAroundAsync{T}"/>. Read newest first with <see cref="SearchAsync"/>; trimmed by <see cref="PurgeAsync"/>.
/// </summary>
internal sealed class AuditTrail(NpgsqlDataSource dataSource)
{
    /// <summary>One entry; its time is the database's clock at the write. Returns its id.</summary>
    private const string InsertSql = """
        insert into audit_entries (actor_kind, actor, address, action, target_type, target_id, campaign_id, details)
        values (@kind, @actor, @address::inet, @action, @target, @targetId, @campaignId, @details::jsonb)
        returning id
        """;

    /// <summary>Writes the entry in the caller's transaction: it commits with the change it records, or not at all.</summary>
    public static Task<long> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditActor actor, AuditEntry entry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(entry);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            kind = actor.Kind.ToName(),
            actor = actor.Name,
            address = actor.Address?.ToString(),
            action = entry.Action.ToName(),
            target = entry.Target?.ToName(),
            targetId = entry.TargetId,
            campaignId = entry.CampaignId,
            details = entry.Details.ToJsonString(),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Records an action that has no change of AutoDialer's to join (a sign-in, a refused sign-in).</summary>
    public async Task RecordAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WriteAsync(connection, transaction, actor, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records a change that another component makes on its own connection (Hangfire's job store): the entry is written
    /// first in a transaction of ours, the change is made, and the entry commits only if <paramref name="recorded"/> says
    /// the change happened (it may add details, such as the new job's id); otherwise it rolls back. A change that throws
    /// leaves no entry. What this cannot close: the change committed and then this commit failing (the database gone in
    /// between), which leaves the change unrecorded; never an entry for a change that did not happen.
    /// </summary>
    public async Task<T> RecordAroundAsync<T>(AuditActor actor, AuditEntry entry, Func<T> change, Func<T, JsonObject?> recorded,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(recorded);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await WriteAsync(connection, transaction, actor, entry, cancellationToken);
        var result = change();
        if (recorded(result) is not { } details)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        if (details.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("update audit_entries set details = details || @details::jsonb where id = @id",
                new { id, details = details.ToJsonString() }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <summary>
    /// A page of entries, newest first (time, then id), with the cursor of the next page when there is one. The filters
    /// use <c>audit_entries_newest</c> (or <c>audit_entries_by_campaign</c>) and stop after <c>Limit + 1</c> rows.
    /// </summary>
    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition("""
            select id, at, actor_kind, actor, host(address) as address, action, target_type, target_id, campaign_id, details::text as details
            from audit_entries
            where (@from::timestamptz is null or at >= @from)
              and (@until::timestamptz is null or at < @until)
              and (@actor::text is null or actor = @actor)
              and (@action::text is null or action = @action)
              and (@campaignId::bigint is null or campaign_id = @campaignId)
              and (@afterAt::timestamptz is null or (at, id) < (@afterAt, @afterId))
            order by at desc, id desc
            limit @take
            """, new
        {
            from = filter.From?.UtcDateTime,
            until = filter.Until?.UtcDateTime,
            actor = filter.Actor,
            action = filter.Action?.ToName(),
            campaignId = filter.CampaignId,
            afterAt = filter.After?.At,
            afterId = filter.After?.Id ?? 0,
            take = filter.Limit + 1,
        }, cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToList();
        var more = rows.Count > filter.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new AuditPage(rows, more ? rows[^1].Cursor : null);
    }

    /// <summary>Removes the entries written more than <paramref name="retention"/> ago (by the database's clock); returns how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from audit_entries where at < now() - @retention", new { retention }, cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public long id { get; init; }
        public DateTime at { get; init; }
        public string actor_kind { get; init; } = "";
        public string actor { get; init; } = "";
        public string? address { get; init; }
        public string action { get; init; } = "";
        public string? target_type { get; init; }
        public string? target_id { get; init; }
        public long? campaign_id { get; init; }
        public string details { get; init; } = "{}";

        public AuditRecord ToRecord() => new(id, DateTime.SpecifyKind(at, DateTimeKind.Utc), AuditActorKinds.Parse(actor_kind), actor, address,
            AuditActions.Parse(action), target_type is null ? null : AuditTargets.Parse(target_type), target_id, campaign_id,
            JsonNode.Parse(details) as JsonObject ?? []);
    }
}
