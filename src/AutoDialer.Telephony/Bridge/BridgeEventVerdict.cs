namespace AutoDialer.Telephony.Bridge;

/// <summary>What became of an event a page reported.</summary>
public enum BridgeEventVerdict
{
    Accepted,

    /// <summary>The event names another agent than the session's: a page may report only for its own agent.</summary>
    OtherAgent,

    /// <summary>Not an event the vendor documents.</summary>
    UnknownEvent,

    /// <summary>The session was replaced or closed; its late events are not taken.</summary>
    SessionEnded,
}
