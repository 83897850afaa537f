namespace AutoDialer.Chaos.Judging;

/// <summary>What the dialer's attempt says of a callback it dialled (<c>attempts.callback_at</c>, <c>callback_agent_id</c>,
/// <c>callback_owner_until</c>): the time the customer asked for, the agent who owns it, and until when only that agent may take it.</summary>
internal sealed record CallbackCall(DateTimeOffset At, string Owner, DateTimeOffset OwnerUntil);
