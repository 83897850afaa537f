using AutoDialer.Core.Dispatch;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>A caller number's row in <c>caller_numbers</c>, as dispatch reads it (Dapper maps by column name).</summary>
internal sealed class CallerNumberUsageRow
{
    public string id { get; init; } = "";
    public DateTime? used_on { get; init; }
    public int used_today { get; init; }
    public DateTime? last_used_at { get; init; }
    public DateTime? rested_until { get; init; }
    public bool[] recent_answered { get; init; } = [];

    public CallerNumberRecord ToRecord() => new(
        id,
        used_on is { } on ? DateOnly.FromDateTime(on) : null,
        used_today,
        last_used_at is { } last ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) : null,
        rested_until is { } rested ? new DateTimeOffset(DateTime.SpecifyKind(rested, DateTimeKind.Utc)) : null,
        recent_answered);
}
