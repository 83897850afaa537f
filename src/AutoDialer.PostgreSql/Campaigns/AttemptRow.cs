namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// One call attempt as the attempts table shows it, with its contact as it is now: <see cref="ContactState"/>, why it
/// is not being dialled (<see cref="ContactWaitReason"/>, see <c>DialDiagnosis.ForContact</c>) and when it may be
/// dialled next (<see cref="ContactNextDueAt"/>).
/// </summary>
internal sealed record AttemptRow(
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
    DateTime? SettledAt,
    string? ContactState,
    string? ContactWaitReason,
    DateTime? ContactNextDueAt);
