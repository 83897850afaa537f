using System.Text.Json;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Reports;

/// <summary>
/// Daily reports per campaign: computed set-based from the day's attempts (one scan of the campaign's part of the
/// <c>attempts_campaign_day</c> index, grouped six ways in one statement), stored by the nightly batch in
/// <c>daily_reports.report</c> when it closes the day, read from there by any node.
/// </summary>
internal sealed class DailyReports(NpgsqlDataSource dataSource, TimeProvider? clock = null)
{
    /// <summary>The outcome reported for dials not settled yet.</summary>
    public const string InProgress = "in_progress";

    private static readonly JsonSerializerOptions StoredJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The day's report: as the nightly batch stored it when it closed the day, else computed now.</summary>
    public async Task<DailyReport> ReadAsync(long campaignId, string campaign, DateOnly day, string timeZone, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            select report::text from daily_reports
            where campaign_id = @campaignId and day = @day and closed_at is not null and report ? 'by_hour'
            """, new { campaignId, day }, cancellationToken: cancellationToken));
        return stored is not null
            ? JsonSerializer.Deserialize<DailyReport>(stored, StoredJson)!
            : await ComputeAsync(connection, campaignId, campaign, day, timeZone, cancellationToken);
    }

    /// <summary>The days the nightly batch closed, newest first, with their totals.</summary>
    public async Task<IReadOnlyList<ClosedDay>> ClosedDaysAsync(long campaignId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(DateTime day, DateTime closed_at, string? totals)>(new CommandDefinition("""
            select day, closed_at, (report -> 'totals')::text
            from daily_reports where campaign_id = @campaignId and closed_at is not null
            order by day desc limit @limit
            """, new { campaignId, limit }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            var totals = r.totals is null ? null : JsonSerializer.Deserialize<CallTotals>(r.totals, StoredJson);
            return new ClosedDay(DateOnly.FromDateTime(r.day), new DateTimeOffset(DateTime.SpecifyKind(r.closed_at, DateTimeKind.Utc)),
                totals?.Dials, totals?.Answered);
        }).ToList();
    }

    /// <summary>The day computed from its attempts, in <paramref name="connection"/>'s transaction if it has one.</summary>
    public async Task<DailyReport> ComputeAsync(NpgsqlConnection connection, long campaignId, string campaign, DateOnly day, string timeZone,
        CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<GroupRow>(new CommandDefinition(ByGroupSql,
            new { campaignId, day = day.ToDateTime(TimeOnly.MinValue), timeZone }, transaction, cancellationToken: cancellationToken))).ToList();

        var total = rows.SingleOrDefault(r => r.set_bits == TotalGroup);
        var hours = rows.Where(r => r.set_bits == HourGroup).ToDictionary(r => r.hour!.Value);
        return new DailyReport(
            campaignId, campaign, day, timeZone, Closed: false, ClosedAt: null, ComputedAt: _clock.GetUtcNow(),
            new CallTotals(total?.dials ?? 0, total?.answered ?? 0, total?.talk_seconds ?? 0),
            Enumerable.Range(0, 24).Select(h => hours.TryGetValue(h, out var r)
                ? new HourCalls(h, r.dials, r.answered, r.talk_seconds) : new HourCalls(h, 0, 0, 0)).ToList(),
            rows.Where(r => r.set_bits == AgentGroup).OrderByDescending(r => r.dials).ThenBy(r => r.agent_id, StringComparer.Ordinal)
                .Select(r => new AgentCalls(r.agent_id!, r.dials, r.answered, r.talk_seconds)).ToList(),
            rows.Where(r => r.set_bits == CallerNumberGroup).OrderByDescending(r => r.dials).ThenBy(r => r.caller_number_id, StringComparer.Ordinal)
                .Select(r => new CallerNumberCalls(r.caller_number_id, r.caller_number, r.dials, r.answered, r.talk_seconds)).ToList(),
            rows.Where(r => r.set_bits == OutcomeGroup).OrderByDescending(r => r.dials).ThenBy(r => r.outcome, StringComparer.Ordinal)
                .Select(r => new OutcomeCalls(r.outcome!, r.dials)).ToList(),
            Close: null)
        {
            ByDisposition = rows.Where(r => r.set_bits == DispositionGroup && r.disposition_code is not null)
                .OrderByDescending(r => r.dials).ThenBy(r => r.disposition_code, StringComparer.Ordinal)
                .Select(r => new DispositionCalls(r.disposition_code!, r.disposition_effect!, r.dials)).ToList(),
        };
    }

    /// <summary>Stores a closed day's report in its row (the nightly batch's last step, which also sets <c>closed_at</c>).</summary>
    internal static string ToStoredJson(DailyReport report) => JsonSerializer.Serialize(report, StoredJson);

    // grouping(hour, agent_id, caller_number_id, outcome, disposition_code): a bit per column, 1 where the column is not in the set.
    private const int TotalGroup = 0b11111;
    private const int HourGroup = 0b01111;
    private const int AgentGroup = 0b10111;
    private const int CallerNumberGroup = 0b11011;
    private const int OutcomeGroup = 0b11101;
    private const int DispositionGroup = 0b11110;

    /// <summary>
    /// The day's attempts, by the campaign's local midnights (PostgreSQL resolves the zone, daylight saving included),
    /// through the (campaign_id, created_at) index; one pass, six groupings. Locks nothing.
    /// </summary>
    private const string ByGroupSql = $"""
        with day_attempts as (
            select extract(hour from created_at at time zone @timeZone)::int as hour, agent_id, caller_number_id, caller_number,
                   coalesce(outcome, '{InProgress}') as outcome, outcome = '{CallOutcomes.Answered}' as answered, coalesce(talk_seconds, 0) as talk,
                   disposition_code, disposition_effect
            from attempts
            where campaign_id = @campaignId
              and created_at >= (@day::timestamp at time zone @timeZone)
              and created_at < ((@day::timestamp + interval '1 day') at time zone @timeZone))
        select grouping(hour, agent_id, caller_number_id, outcome, disposition_code) as set_bits, hour, agent_id, caller_number_id,
               max(caller_number) as caller_number, outcome, disposition_code, max(disposition_effect) as disposition_effect,
               count(*) as dials, count(*) filter (where answered) as answered, sum(talk)::bigint as talk_seconds
        from day_attempts
        group by grouping sets ((), (hour), (agent_id), (caller_number_id), (outcome), (disposition_code))
        """;

    private sealed class GroupRow
    {
        public int set_bits { get; init; }
        public int? hour { get; init; }
        public string? agent_id { get; init; }
        public string? caller_number_id { get; init; }
        public string? caller_number { get; init; }
        public string? outcome { get; init; }
        public string? disposition_code { get; init; }
        public string? disposition_effect { get; init; }
        public long dials { get; init; }
        public long answered { get; init; }
        public long talk_seconds { get; init; }
    }
}

/// <summary>A day the nightly batch closed, with its totals (null for a day closed before reports had them).</summary>
internal sealed record ClosedDay(DateOnly Day, DateTimeOffset ClosedAt, long? Dials, long? Answered);
