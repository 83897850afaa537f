namespace AutoDialer.Core.Callbacks;

/// <summary>The API's names of <see cref="CallbackState"/>, and which one a callback is in at a given moment.</summary>
internal static class CallbackStates
{
    public const string Scheduled = "scheduled";
    public const string Due = "due";
    public const string Overdue = "overdue";

    /// <summary>Every state, in declaration order.</summary>
    public static IReadOnlyList<CallbackState> All { get; } = Array.AsReadOnly(Enum.GetValues<CallbackState>());

    public static string ToName(this CallbackState state) => state switch
    {
        CallbackState.Scheduled => Scheduled,
        CallbackState.Due => Due,
        CallbackState.Overdue => Overdue,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a defined callback state."),
    };

    /// <summary>
    /// A callback due <paramref name="at"/>, its owner's alone until <paramref name="ownerUntil"/>, at <paramref name="now"/>:
    /// scheduled before its time, due from its time, overdue from the end of the owner's grace (when the lease starts to
    /// give it to any agent, as <see cref="ScheduledCallback.OwnedAt"/> says).
    /// </summary>
    public static CallbackState At(DateTimeOffset at, DateTimeOffset ownerUntil, DateTimeOffset now) =>
        now < at ? CallbackState.Scheduled
        : now < ownerUntil ? CallbackState.Due
        : CallbackState.Overdue;
}
