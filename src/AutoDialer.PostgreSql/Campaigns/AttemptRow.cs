namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>One call attempt as the attempts table shows it.</summary>
public sealed record AttemptRow(
    long Id,
    long ContactId,
    string ProviderAccount,
    string AgentId,
    string Phone,
    string? CallerNumber,
    string Status,
    string? Outcome,
    int? RingSeconds,
    int? TalkSeconds,
    string? VendorCode,
    string? VendorMessage,
    DateTime CreatedAt,
    DateTime? SettledAt);
