namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// One call attempt as the attempts table shows it, with its contact as it is now: <see cref="ContactState"/>, why it
/// is not being dialled (<see cref="ContactWaitReason"/>, see <c>DialDiagnosis.ForContact</c>) and when it may be
/// dialled next (<see cref="ContactNextDueAt"/>). <see cref="Disposition"/> is the code the agent recorded for the call
/// (with its note and when), beside the vendor's <see cref="Outcome"/>; <see cref="CallbackAt"/> is set when the attempt
/// dialled a callback asked for then.
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
    string? Disposition,
    string? DispositionNote,
    DateTime? DisposedAt,
    DateTime? CallbackAt,
    string? ContactState,
    string? ContactWaitReason,
    DateTime? ContactNextDueAt);
