using System.Text.Json.Nodes;
using AutoDialer.Core.Audit;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using AutoDialer.PostgreSql.Dispatch;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// Campaigns: create, read, settings (validated before they are written; caller numbers kept in step with the
/// table that counts their use) and state transitions (checked against <see cref="CampaignLifecycle"/> under a row lock).
/// Given an <see cref="AuditActor"/>, a change writes its audit entry in its own transaction (<see cref="AuditTrail"/>):
/// a change that fails or is refused leaves none. Without one (commands and tools on this machine) nothing is recorded.
/// </summary>
internal sealed class CampaignStore(NpgsqlDataSource dataSource)
{
    public async Task<Campaign> CreateAsync(string name, CampaignSettings settings, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length == 0) throw new ArgumentException("a campaign name is required", nameof(name));
        ThrowIfInvalid(settings);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            insert into campaigns (name, time_zone, settings) values (@name, @timeZone, @settings::jsonb)
            on conflict (name) do nothing returning id
            """, new { name, timeZone = settings.Schedule.TimeZoneId, settings = settings.ToJson() }, transaction, cancellationToken: cancellationToken))
            ?? throw new CampaignExistsException(name);
        await SyncCallerNumbersAsync(connection, transaction, id, settings, cancellationToken);
        if (actor is not null)
        {
            await AuditTrail.WriteAsync(connection, transaction, actor, AuditEntry.ForCampaign(AuditAction.CampaignCreate, id,
                new JsonObject { ["name"] = name, ["settings"] = JsonNode.Parse(settings.ToJson()) }), cancellationToken);
        }
        await WaitForCallsBeingPlacedAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    public async Task<Campaign?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            SelectSql + " where id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToCampaign();
    }

    public async Task<Campaign?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            SelectSql + " where name = @name", new { name = name.Trim() }, cancellationToken: cancellationToken));
        return row?.ToCampaign();
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(SelectSql + " order by id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCampaign()).ToList();
    }

    /// <summary>
    /// Replaces the campaign's settings. Audited as the fields that changed (<see cref="JsonChanges"/>: JSON path, old and
    /// new value), compared with the settings read under the row lock, so two saves at once each record what they changed.
    /// </summary>
    public async Task<Campaign> UpdateSettingsAsync(long id, CampaignSettings settings, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(settings);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            SelectSql + " where id = @id for update", new { id }, transaction, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"campaign {id} does not exist");
        var json = settings.ToJson();
        await connection.ExecuteAsync(new CommandDefinition("""
            update campaigns set settings = @settings::jsonb, time_zone = @timeZone, updated_at = now() where id = @id
            """, new { id, timeZone = settings.Schedule.TimeZoneId, settings = json }, transaction, cancellationToken: cancellationToken));
        await SyncCallerNumbersAsync(connection, transaction, id, settings, cancellationToken);
        if (actor is not null)
        {
            var changes = JsonChanges.Between(JsonNode.Parse(before.ToCampaign().Settings.ToJson()), JsonNode.Parse(json));
            await AuditTrail.WriteAsync(connection, transaction, actor, AuditEntry.ForCampaign(AuditAction.CampaignSettingsChange, id,
                new JsonObject
                {
                    ["changes"] = new JsonArray(changes.Select(c => (JsonNode)new JsonObject { ["path"] = c.Path, ["old"] = c.Old, ["new"] = c.New }).ToArray()),
                }), cancellationToken);
        }
        await WaitForCallsBeingPlacedAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// The last statement before a change commits: waits for the campaign's calls that the dial gate let through before
    /// it (<see cref="DialFence"/>), and holds the gate's next checks until the commit, so that once the change has
    /// answered no call it forbids starts.
    /// </summary>
    private static Task WaitForCallsBeingPlacedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, CancellationToken cancellationToken) =>
        DialFence.WaitForCallsBeingPlacedAsync(connection, transaction, AdvisoryLocks.DialFenceCampaignSql, new { campaignIds = new[] { id } },
            "change of the campaign", cancellationToken);

    public async Task<Campaign> TransitionAsync(long id, CampaignCommand command, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select state from campaigns where id = @id for update", new { id }, transaction, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"campaign {id} does not exist");
        var state = CampaignStates.Parse(current);
        var next = CampaignLifecycle.Next(state, command) ?? throw new InvalidCampaignTransitionException(id, state, command);
        await connection.ExecuteAsync(new CommandDefinition(
            "update campaigns set state = @next, updated_at = now() where id = @id",
            new { id, next = next.ToName() }, transaction, cancellationToken: cancellationToken));
        if (actor is not null)
        {
            await AuditTrail.WriteAsync(connection, transaction, actor, AuditEntry.ForCampaign(AuditActionOf(command), id,
                new JsonObject { ["from"] = state.ToName(), ["to"] = next.ToName() }), cancellationToken);
        }
        await WaitForCallsBeingPlacedAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Deletes a campaign that never did anything: a draft with no contact list. Anything else has history (contacts,
    /// attempts, reports) and is cancelled instead. False when there is no such campaign.
    /// </summary>
    /// <exception cref="CampaignNotDeletableException">The campaign is not a draft, or has contacts.</exception>
    public async Task<bool> DeleteDraftAsync(long id, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            SelectSql + " where id = @id for update", new { id }, transaction, cancellationToken: cancellationToken));
        if (row is null) return false;
        var (state, name) = (row.state, row.name);
        if (state != CampaignState.Draft.ToName())
            throw new CampaignNotDeletableException(id, $"campaign {id} is {state}: only a draft can be deleted; cancel it instead");
        var hasLists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from contact_lists where campaign_id = @id)", new { id }, transaction, cancellationToken: cancellationToken));
        if (hasLists)
            throw new CampaignNotDeletableException(id, $"campaign {id} has contact lists: cancel it instead");
        await connection.ExecuteAsync(new CommandDefinition("""
            delete from caller_numbers where campaign_id = @id;
            delete from campaign_counters where campaign_id = @id;
            delete from campaigns where id = @id;
            """, new { id }, transaction, cancellationToken: cancellationToken));
        if (actor is not null)
            await AuditTrail.WriteAsync(connection, transaction, actor, AuditEntry.ForCampaign(AuditAction.CampaignDelete, id, new JsonObject { ["name"] = name }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static AuditAction AuditActionOf(CampaignCommand command) => command switch
    {
        CampaignCommand.Start => AuditAction.CampaignStart,
        CampaignCommand.Pause => AuditAction.CampaignPause,
        CampaignCommand.Resume => AuditAction.CampaignResume,
        CampaignCommand.Cancel => AuditAction.CampaignCancel,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a campaign command."),
    };

    private static void ThrowIfInvalid(CampaignSettings settings)
    {
        var errors = settings.Validate();
        if (errors.Count > 0) throw new SettingsValidationException(errors);
    }

    // Numbers removed from the settings stop being used; their counters go with them. Kept numbers keep their use.
    private static async Task SyncCallerNumbersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId,
        CampaignSettings settings, CancellationToken cancellationToken)
    {
        // Stored with their place (set by the user, else the metadata's from the number) for the caller-numbers page.
        var numbers = settings.CallerNumbers.Select(n => n.WithPlace()).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from caller_numbers where campaign_id = @campaignId and not (id = any(@ids))",
            new { campaignId, ids = numbers.Select(n => n.Id).ToArray() }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into caller_numbers (campaign_id, id, number, area_code, daily_cap, province, city)
            select @campaignId, * from unnest(@ids, @numbers, @areaCodes, @caps, @provinces, @cities)
            on conflict (campaign_id, id) do update set number = excluded.number, area_code = excluded.area_code, daily_cap = excluded.daily_cap,
                                                        province = excluded.province, city = excluded.city
            """, new
        {
            campaignId,
            ids = numbers.Select(n => n.Id).ToArray(),
            numbers = numbers.Select(n => n.Number).ToArray(),
            areaCodes = numbers.Select(n => n.AreaCode).ToArray(),
            caps = numbers.Select(n => n.DailyCap).ToArray(),
            provinces = numbers.Select(n => n.Province).ToArray(),
            cities = numbers.Select(n => n.City).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    private const string SelectSql = "select id, name, state, time_zone, settings::text as settings, created_at, updated_at from campaigns";

    private sealed class CampaignRow
    {
        public long id { get; init; }
        public string name { get; init; } = "";
        public string state { get; init; } = "";
        public string time_zone { get; init; } = "";
        public string settings { get; init; } = "{}";
        public DateTime created_at { get; init; }
        public DateTime updated_at { get; init; }

        public Campaign ToCampaign() => new(id, name, CampaignStates.Parse(state), ParseSettings(), created_at, updated_at);

        // A campaign created by an import has no settings yet: it dials with the defaults in its time zone.
        private CampaignSettings ParseSettings() =>
            settings.Trim() is "{}" or "" ? CampaignSettings.Default(time_zone) : CampaignSettings.FromJson(settings);
    }
}
