namespace AutoDialer.Core.Events;

/// <summary>What a vendor event means for the dialer, whichever vendor sent it.</summary>
internal enum CallSignalKind
{
    /// <summary>Not relevant to dialing, or not understood; kept raw only.</summary>
    Unknown = 0,
    AgentStateChanged,
    /// <summary>The call was placed (Udesk Originated, Meiqia calling).</summary>
    Originated,
    /// <summary>The customer's phone is ringing (Udesk Delivered).</summary>
    Delivered,
    /// <summary>Answered (Udesk Established, Meiqia answer).</summary>
    Established,
    Held,
    Retrieved,
    /// <summary>Hung up (Udesk ConnectionCleared, Meiqia hangup).</summary>
    ConnectionCleared,
    /// <summary>The number is on the provider's blacklist (Meiqia blackList).</summary>
    Blacklisted,
}
