namespace AutoDialer.Core.Agents;

/// <summary>One of the contact's earlier attempts as the agent's card shows it: when, how it ended, and the agent's disposition.</summary>
/// <param name="Outcome">Its outcome's name; null while it had none.</param>
/// <param name="Disposition">Its disposition's code; null when none was recorded.</param>
internal sealed record EarlierAttempt(DateTimeOffset At, string? Outcome, string? Disposition);
