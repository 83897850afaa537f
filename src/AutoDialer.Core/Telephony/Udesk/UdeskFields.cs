namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>Payload field names of the Udesk document, spelled as it spells them (note <c>CallID</c>).</summary>
internal static class UdeskFields
{
    // The envelope of results and events.
    public const string Code = "Code";
    public const string Message = "Message";
    public const string Data = "Data";
    public const string Visible = "Visible";

    // AgentStateChanged, Ready, GetState.
    public const string CurState = "CurState";
    public const string CurStateSubId = "CurStateSubId";
    public const string OldState = "OldState";
    public const string CurExtState = "CurExtState";
    public const string CurMode = "CurMode";

    // Call events (Delivered, Originated, Established, ConnectionCleared, Held, Retrieved, …).
    public const string CallId = "CallID";
    public const string AgentInfo = "AgentInfo";
    public const string CustomerInfo = "CustomerInfo";
    public const string FromQueue = "FromQueue";
    public const string DisplayNum = "DisplayNum";
    public const string WorkFlow = "WorkFlow";
    public const string CallAuthority = "CallAuthority";
    public const string CallType = "CallType";

    // AdvancedCallStatusChanged: the call event it wraps, and the shown number as { TelNumber, City }.
    public const string CallEvent = "CallEvent";
    public const string DisplayInfo = "DisplayInfo";

    // Inside CustomerInfo / AgentInfo: the event sections say { City, Number }, the AdvancedCallStatusChanged
    // example shows { TelNumber, City }; readers accept both.
    public const string City = "City";
    public const string Number = "Number";
    public const string TelNumber = "TelNumber";

    // GetState.
    public const string CallDirection = "CallDirection";
    public const string DestNumber = "DestNumber";
    public const string SpNumber = "SpNumber";
    public const string StartTime = "StartTime";
    public const string UserData = "UserData";

    /// <summary>The make-call option that carries our business id: <c>MakeCallAsync(Number, { BizId })</c>.</summary>
    public const string BizId = "BizId";
}
