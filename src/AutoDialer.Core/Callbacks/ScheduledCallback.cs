namespace AutoDialer.Core.Callbacks;

/// <summary>A callback a contact waits for: due <see cref="At"/>, for <see cref="OwnerAgentId"/> alone until <see cref="OwnerUntil"/>, then for any agent of the campaign.</summary>
internal sealed record ScheduledCallback(DateTimeOffset At, string OwnerAgentId, DateTimeOffset OwnerUntil)
{
    public static ScheduledCallback For(DateTimeOffset at, string owner, CallbackPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new ScheduledCallback(at, owner, at + policy.OwnerGrace);
    }

    /// <summary>Whether only the owner may take it at <paramref name="now"/>.</summary>
    public bool OwnedAt(DateTimeOffset now) => now < OwnerUntil;
}
