namespace AutoDialer.Telephony.Bridge;

/// <summary>What became of an event a page reported.</summary>
internal enum BridgeEventVerdict
{
    Accepted,

    /// <summary>The event names another agent than the session's: a page may report only for its own agent.</summary>
    OtherAgent,

    /// <summary>Not an event the vendor documents.</summary>
    UnknownEvent,

    /// <summary>An event with a sequence number but without what a resend needs to be recognised (a name, a
    /// timestamp): taking it could store one event twice.</summary>
    Malformed,

    /// <summary>The session was replaced or closed, or this node is stopping: the event is not taken, and not refused
    /// either (the page keeps it and gives it again after it reconnects, to any node).</summary>
    SessionEnded,
}
