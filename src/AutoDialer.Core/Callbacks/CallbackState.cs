namespace AutoDialer.Core.Callbacks;

/// <summary>Where a callback still to be dialled stands now; its name in <see cref="CallbackStates"/>.</summary>
internal enum CallbackState
{
    /// <summary>Asked for a later time: not due yet, owned by the agent who asked.</summary>
    Scheduled,

    /// <summary>Due, and within its owner's grace: only the owner is given it.</summary>
    Due,

    /// <summary>Past its owner's grace and still not dialled: any agent of the campaign may take it.</summary>
    Overdue,
}
