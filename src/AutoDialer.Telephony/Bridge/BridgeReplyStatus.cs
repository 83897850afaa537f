namespace AutoDialer.Telephony.Bridge;

/// <summary>How a command sent to the bridge ended.</summary>
internal enum BridgeReplyStatus
{
    /// <summary>Udesk's promise resolved; Meiqia's success callback ran.</summary>
    Resolved,

    /// <summary>Udesk's promise rejected; Meiqia's error callback ran.</summary>
    Rejected,

    /// <summary>Meiqia's <c>validatorErrorCb</c> ran: the SDK refused the arguments before dialling.</summary>
    Invalid,

    /// <summary>The script could not run the method (not in the SDK, threw, not allowed). The vendor did not act.</summary>
    Failed,

    /// <summary>The script received the command after its deadline and did not run it.</summary>
    Expired,

    /// <summary>The vendor answered the make-call only after its deadline; the script hung the call up at once and reports
    /// it. The phone may have rung.</summary>
    Late,

    /// <summary>No reply before the deadline: the vendor may or may not have acted.</summary>
    TimedOut,

    /// <summary>The session went away after the command was sent: the vendor may or may not have acted.</summary>
    Lost,

    /// <summary>The command could not be sent: the vendor did not act.</summary>
    NotSent,
}
