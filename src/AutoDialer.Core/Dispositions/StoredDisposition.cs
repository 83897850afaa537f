using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>
/// A disposition as it is kept with its attempt: the code and its effect as they were when it was recorded (a campaign
/// may change its codes later), and for a retry or a callback the moment the contact is due again.
/// </summary>
/// <param name="DueAt">With <see cref="DispositionEffect.RetryAfter"/> or <see cref="DispositionEffect.Callback"/>: when the contact is due again.</param>
/// <param name="AgentId">Who recorded it: the attempt's agent, who owns a callback.</param>
/// <param name="At">When it was recorded.</param>
internal sealed record StoredDisposition(string Code, DispositionEffect Effect, DateTimeOffset? DueAt, string AgentId, DateTimeOffset At, string? Note = null);
