namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// A contact leased for one agent: the attempt row is already written (its id is the business id) and the contact
/// is marked dialing, so no other dispatcher anywhere can pick it.
/// </summary>
public sealed record DialLease(
    long AttemptId,
    long CampaignId,
    long ContactId,
    string AgentId,
    string Phone,
    string DialString,
    string? CallerNumberId,
    string? CallerDialString);
