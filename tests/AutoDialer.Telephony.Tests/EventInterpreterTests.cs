using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Telephony.Tests;

/// <summary>Payloads are the vendor documents' examples (made valid JSON, with sample values filled in).</summary>
public sealed class EventInterpreterTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private const string CallData = """
        "CallID": "ea648a5d-56f6-432b-44e1-0941febbb870",
        "AgentInfo": {},
        "CustomerInfo": { "City": "北京", "Number": "15712886965" },
        "FromQueue": "",
        "DisplayNum": "051480114036",
        "WorkFlow": "out_direct",
        "CallAuthority": "",
        "CallType": ""
        """;

    private const string MeiqiaCommon = """
        "sip": "8001", "customer": "13800138000", "user_agent": "JsSIP", "uuid": "mq-call-1",
        "trunk_number": "02161230001", "trunk_number_name": "", "queue_name": ""
        """;

    public static TheoryData<string, string, string, string> Udesk => new()
    {
        { "AgentStateChanged", """{ "Code": "0000", "Data": [{ "CurState": "busy", "CurStateSubId": "0", "OldState": "idle" }], "Message": "", "Visible": false }""",
            "AgentStateChanged Busy sub=0 old=Idle", "documented example" },
        { "AgentStateChanged", """{ "Code": "0000", "Data": [{ "CurState": "onBreak", "CurStateSubId": "101", "OldState": "idle" }], "Message": "", "Visible": false }""",
            "AgentStateChanged OnBreak sub=101 old=Idle", "custom break" },
        { "AgentStateChanged", """{ "Code": "0000", "Data": [{ "CurState": "lunch" }], "Message": "", "Visible": false }""",
            "AgentStateChanged Unknown sub=- old=-", "undocumented state" },
        { "AgentStateChanged", """{ "Code": "0000", "Data": [], "Message": "", "Visible": false }""",
            "AgentStateChanged Unknown sub=- old=-", "empty data" },
        { "Ready", """{ "Code": "0000", "Data": [{ "CurExtState": "offline", "CurMode": "voip", "CurState": "busy" }], "Message": "", "Visible": false }""",
            "AgentStateChanged Busy sub=- old=-", "documented example" },
        { "Originated", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "Originated call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=-", "documented fields" },
        { "Originated", $$"""{ "Code": "0000", "Data": { {{CallData}}, "UserData": "attempt-42" }, "Message": "", "Visible": false }""",
            "Originated call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=attempt-42", "business id echoed" },
        { "Delivered", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "Delivered call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=-", "ringing" },
        { "Established", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "Established call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=-", "answered" },
        { "Held", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "Held call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=-", "hold" },
        { "Retrieved", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "Retrieved call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=-", "unhold" },
        { "ConnectionCleared", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "ConnectionCleared call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=- cause=-", "documented fields: no cause" },
        { "ConnectionCleared", $$"""{ "Code": "0000", "Data": { {{CallData}}, "HangupCause": "USER_BUSY" }, "Message": "", "Visible": false }""",
            "ConnectionCleared call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=- cause=USER_BUSY", "assumed cause field" },
        { "AdvancedCallStatusChanged", """
            { "Code": "0000", "Data": {
                "AdvancedCallStatus": "Originated", "AgentInfo": { "TelNumber": "90310468561028" },
                "CallAuthority": { "OnBarButtonSwitch": true, "AllowHold": false, "AllowHangup": false },
                "CallDirection": "Outbound", "CallEvent": "Originated", "CallID": "ea648a5d-56f6-432b-44e1-0941febbb870",
                "CallType": "OtherIn", "CalledInfo": { "TelNumber": "15712886965", "City": "北京" },
                "CallerInfo": { "TelNumber": "90310468561028" }, "ChannelUUID": "42de0839-74ba-442d-a3a5-7744029bd573",
                "CustomerInfo": { "TelNumber": "15712886965", "City": "北京" },
                "DisplayInfo": { "TelNumber": "051480114036", "City": "扬州市" }, "WorkFlow": "out_callback" },
              "Message": "", "Visible": false }
            """,
            "Originated call=ea648a5d-56f6-432b-44e1-0941febbb870 number=15712886965 display=051480114036 biz=-", "documented example, by CallEvent" },
        { "AdvancedCallStatusChanged", """{ "Code": "0000", "Data": { "CallEvent": "Conferenced", "CallID": "c" }, "Message": "", "Visible": false }""",
            "Unknown AdvancedCallStatusChanged", "call event without meaning" },
        { "PhoneStateChanged", """{ "Code": "0000", "Data": [{ "CallID": "", "CurState": "busy" }], "Message": "", "Visible": false }""",
            "Unknown PhoneStateChanged", "phone, not agent" },
        { "PhoneModeChanged", """{ "Code": "0000", "Data": [{ "CurContact": "voip", "CurExtState": "offline", "CurNumber": "90310468561028" }], "Message": "", "Visible": false }""",
            "Unknown PhoneModeChanged", "documented example" },
        { "GetState", """{ "Code": "0000", "Data": { "CallDirection": "", "CallID": "", "CurContact": "90310468561028", "CurExtState": "idle", "CurMode": "voip", "CurState": "idle", "CurSubStateId": "", "DestNumber": "", "Payload": null, "SpNumber": "", "StartTime": "", "UserData": "" }, "Message": "", "Visible": false }""",
            "Unknown GetState", "read through the port instead" },
        { "Transferred", $$"""{ "Code": "0000", "Data": { {{CallData}} }, "Message": "", "Visible": false }""",
            "Unknown Transferred", "no dialing meaning" },
        { "Originated", """{ "Code": "0000", "Data": null, "Message": "", "Visible": false }""",
            "Originated call=- number=- display=- biz=-", "missing data does not throw" },
        { "Originated", "\"not an object\"",
            "Originated call=- number=- display=- biz=-", "garbage does not throw" },
    };

    public static TheoryData<string, string, string, string> Meiqia => new()
    {
        { "calling", $$"""{ {{MeiqiaCommon}}, "action": "calling" }""", "Originated call=mq-call-1 number=13800138000 display=02161230001 biz=-", "outbound ringing" },
        { "incomingCall", $$"""{ {{MeiqiaCommon}}, "action": "incomingCall" }""", "Delivered call=mq-call-1 number=13800138000 display=02161230001 biz=-", "inbound ringing" },
        { "answer", $$"""{ {{MeiqiaCommon}}, "action": "answer" }""", "Established call=mq-call-1 number=13800138000 display=02161230001 biz=-", "answered" },
        { "hangup", $$"""{ {{MeiqiaCommon}}, "action": "hangup" }""", "ConnectionCleared call=mq-call-1 number=13800138000 display=02161230001 biz=- cause=-", "no cause given" },
        { "blackList", $$"""{ {{MeiqiaCommon}}, "action": "blackList" }""", "Blacklisted call=mq-call-1 number=13800138000 display=02161230001 biz=-", "blacklisted" },
        { "agentInitStatus", """{ "callAgentStatus": 1, "outNumber": "02161230001" }""", "AgentStateChanged Idle sub=1 old=-", "online" },
        { "agentInitStatus", """{ "callAgentStatus": 3, "outNumber": "02161230001" }""", "AgentStateChanged OnBreak sub=3 old=-", "break" },
        { "agentInitStatus", """{ "callAgentStatus": 8, "outNumber": "02161230001" }""", "AgentStateChanged Busy sub=8 old=-", "wrap-up" },
        { "agentInitStatus", """{ "callAgentStatus": 2 }""", "AgentStateChanged Offline sub=2 old=-", "offline" },
        { "register", $$"""{ {{MeiqiaCommon}}, "action": "register" }""", "Unknown register", "no dialing meaning" },
        { "unAuthorization", "null", "Unknown unAuthorization", "no data" },
    };

    [Theory]
    [MemberData(nameof(Udesk))]
    public void Udesk_events_mean(string name, string payload, string expected, string because)
    {
        var signal = UdeskEventInterpreter.Interpret(Event(name, payload));

        Assert.True(expected == Summary(signal), $"{because}: expected '{expected}', got '{Summary(signal)}'");
    }

    [Theory]
    [MemberData(nameof(Meiqia))]
    public void Meiqia_events_mean(string name, string payload, string expected, string because)
    {
        var signal = MeiqiaEventInterpreter.Interpret(Event(name, payload));

        Assert.True(expected == Summary(signal), $"{because}: expected '{expected}', got '{Summary(signal)}'");
    }

    [Fact]
    public void Signal_keeps_its_source_event()
    {
        var source = Event("Originated", $$"""{ "Code": "0000", "Data": { {{CallData}} } }""");

        var signal = UdeskEventInterpreter.Interpret(source);

        Assert.Same(source, signal.Source);
        Assert.Equal((source.AgentId, source.Timestamp, source.EventId), (signal.AgentId, signal.Timestamp, signal.EventId));
    }

    [Fact]
    public void Event_ids_follow_the_call_id_name_and_time()
    {
        var call = Event("Originated", $$"""{ "Code": "0000", "Data": { {{CallData}} } }""");
        var meiqia = Event("calling", $$"""{ {{MeiqiaCommon}} }""");
        var busy = Event("AgentStateChanged", """{ "Data": [{ "CurState": "busy", "CurStateSubId": "0", "OldState": "idle" }] }""");
        var idle = Event("AgentStateChanged", """{ "Data": [{ "CurState": "idle", "CurStateSubId": "0", "OldState": "busy" }] }""");

        Assert.Equal("acct/agent-1/Originated/ea648a5d-56f6-432b-44e1-0941febbb870/1740992400000", call.EventId);
        Assert.Equal("acct/agent-1/calling/mq-call-1/1740992400000", meiqia.EventId);
        Assert.Equal("acct/agent-1/AgentStateChanged/-/1740992400000/idle>busy:0", busy.EventId);
        Assert.NotEqual(busy.EventId, idle.EventId);
        Assert.Equal(call.EventId, Event("Originated", $$"""{ "Code": "0000", "Data": { {{CallData}} } }""").EventId);
        Assert.NotEqual(call.EventId, CallCenterEvent.Create(EventVendor.Udesk, "acct", "agent-1", "Originated", At.AddMilliseconds(1), call.Payload).EventId);
    }

    private static CallCenterEvent Event(string name, string payload) =>
        CallCenterEvent.Create(EventVendor.Udesk, "acct", "agent-1", name, At, JsonDocument.Parse(payload).RootElement.Clone());

    private static string Summary(CallSignal signal) => signal switch
    {
        AgentStateChangedSignal a => $"AgentStateChanged {a.State} sub={a.SubState ?? "-"} old={a.OldState?.ToString() ?? "-"}",
        ConnectionClearedSignal c => $"{CallPart(c)} cause={c.HangupCause ?? "-"}",
        CallEventSignal c => CallPart(c),
        UnknownSignal u => $"Unknown {u.Source.Name}",
        _ => signal.GetType().Name,
    };

    private static string CallPart(CallEventSignal c) =>
        $"{c.Kind} call={c.CallId ?? "-"} number={c.Number ?? "-"} display={c.DisplayNumber ?? "-"} biz={c.BusinessId ?? "-"}";
}
