namespace AutoDialer.Chaos.Judging;

/// <summary>
/// The callbacks the call center placed, judged by the rules every call obeys and by their own: each count but
/// <see cref="Dialled"/> is a violation. A callback that broke a general rule is also counted by that rule
/// (<c>dnc_dialled_after_add</c>, <c>frequency_caps_exceeded</c>); these say it was a callback that broke it.
/// </summary>
/// <param name="Dialled">Placed calls whose attempt dialled a callback.</param>
/// <param name="ToDoNotCall">Callbacks placed to a number on the do-not-call list: added by the operator through the API, or
/// by an agent's accepted <c>do_not_call</c> disposition (on any call to the number, in any campaign).</param>
/// <param name="OutsideWindow">Callbacks placed while their campaign's calling window was shut.</param>
/// <param name="OverCaps">Callbacks placed beyond the number's frequency caps, counting every call to it in every campaign
/// (a callback may go past the contact's budget by its extra attempts, never past the caps).</param>
/// <param name="BeforeTime">Callbacks placed before the time the customer asked for.</param>
/// <param name="ToOthersWithinGrace">Callbacks placed on another agent's phone than their owner's before the owner's grace ended.</param>
internal sealed record CallbackVerdict(long Dialled, long ToDoNotCall, long OutsideWindow, long OverCaps, long BeforeTime, long ToOthersWithinGrace)
{
    public static CallbackVerdict None { get; } = new(0, 0, 0, 0, 0, 0);

    public long Violations => ToDoNotCall + OutsideWindow + OverCaps + BeforeTime + ToOthersWithinGrace;
}
