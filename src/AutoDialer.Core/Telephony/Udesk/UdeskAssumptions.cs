using AutoDialer.Core.Events;

namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>
/// Everything AutoDialer assumes about Udesk beyond the CCPaaS API SDK 2.1.0 document, in one place, with
/// the names those assumptions introduce. Each should be checked against a real account and corrected here.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Error codes. The document shows only "0000" (success) and the failure callback's shape
/// (Message, Code, Data, Visible) with "外呼失败" as an example message; it lists no error codes. So every
/// non-success code we produce or test against is a local "AD-…" code (<see cref="VendorCodes"/>), and
/// recognising an invalid number from a real Udesk failure is not possible yet.</item>
/// <item>Release cause. The document gives <c>ConnectionCleared</c> the same fields as every call event and
/// no release or hang-up cause, so busy / rejected / no answer cannot be told apart from documented fields.
/// We assume an optional field <see cref="HangupCauseField"/> in the event's Data holding a Q.850 /
/// FreeSWITCH cause name (<see cref="HangupCauses"/>); Udesk payloads carry a FreeSWITCH-style
/// <c>ChannelUUID</c>, which is why those names were chosen. The simulator emits it. Without it, a call that
/// was never <c>Established</c> is classified no_answer, because the document labels <c>Originated</c>
/// "呼出振铃" (outbound ringing): it rang and nobody answered. Stand-in switch <see cref="StandIn.HangupCause"/>.</item>
/// <item>Event order of an outbound call. The event names are CSTA's, so we assume CSTA's order:
/// <c>Originated</c> (placed; the document's 呼出振铃) → <c>Delivered</c> (the customer's phone alerting; the
/// document labels it 呼入振铃, describing inbound calls) → <c>Established</c> (answered) →
/// <c>ConnectionCleared</c>. Ring time counts from the first of Originated/Delivered to Established.</item>
/// <item>Business id in events. <c>MakeCallAsync</c> takes <c>{ BizId }</c> and <c>GetState</c> has a
/// <c>UserData</c> field, but no call event documents a business id. We assume <c>GetState.UserData</c> is
/// the current call's BizId, and read <see cref="UdeskFields.UserData"/> from call events only if present;
/// otherwise correlation binds the CallID through the first <c>Originated</c> for the dialled number. The
/// simulator leaves it out of call events unless told to, so that path is exercised.</item>
/// <item>Number sources. The items of <c>GetNumberPoolAndSpNumAsync</c>'s <c>Data.list</c> are not described;
/// we assume objects with <see cref="NumberSourceIdField"/> (what <c>SetSpNumberPoolNumAsync</c> takes and
/// <c>defaultId</c> names) and <see cref="NumberSourceNameField"/>.</item>
/// <item><c>GetState</c> is documented as an event (<c>on("GetState")</c>), not a method. The port exposes it
/// as a request, which the agent bridge answers with the latest <c>GetState</c> data it holds.</item>
/// <item><c>GetOtherAgentsAsync</c> returns <c>State</c> as a number whose meaning is not documented;
/// we filter through the request's <c>{ State }</c> and keep the number as text.</item>
/// <item>Agent state around a call. The document does not say how a call made with <c>MakeCallAsync</c>
/// moves the agent state. We assume idle→busy when the call is placed and busy→idle after the wrap-up time
/// (which the vendor knows: <c>GetCallInWrapUpTimeAsync</c>, <c>WrapUpTime</c>), both as
/// <c>AgentStateChanged</c>; and that a make-call on an agent that is not idle is refused
/// (<see cref="VendorCodes.AgentNotIdle"/>).</item>
/// <item>Values of an outbound call's fields: <c>WorkFlow</c> is one of "out_direct", "in", "out_callback" per
/// the document; we assume <see cref="WorkFlowOutbound"/> for a direct make-call. The document's only outbound example
/// (AdvancedCallStatusChanged) is a callback-mode call ("out_callback", <c>CallType</c> "OtherIn": the agent's phone rings
/// first); stand-in switch <see cref="StandIn.Workflow"/>. In callback mode (<see cref="WorkFlowCallback"/> on the call's
/// events) we assume the agent leg rings first as <c>Delivered</c> (呼入振铃: the agent's phone rings like an inbound call)
/// and the customer's leg starts with <c>Originated</c> (呼出振铃) once the agent picked up: a callback-mode call that
/// ends without <c>Originated</c> never called the customer (<see cref="VendorCodes.AgentLegUnanswered"/>, the contact
/// gets its attempt back), and ring time counts from <c>Originated</c>. Either event binds the CallID. <c>CallType</c> is only
/// described ("呼入,呼出,三方,咨询等"); we use <see cref="CallTypeOutbound"/>.</item>
/// <item>Token shape. <c>GetToken</c>'s example shows <c>appId</c>, <c>timestamp</c> and <c>token</c> as strings, so
/// the token endpoint answers the timestamp as a string of Unix seconds and the token as lowercase hex.</item>
/// <item>Token algorithm (<see cref="TokenAlgorithm"/>). The document says the token comes from a method the CC PaaS
/// server side provides and that the customer's back end generates it; it gives no algorithm. Switch: with
/// <c>AutoDialer:Udesk:TokenUrl</c> set, nothing is assumed: the tenant's back end that already makes Udesk tokens is
/// asked (<c>GET {TokenUrl}?agentId=…</c>, our contract) and its answer passed on unchanged; without it the built-in
/// signer computes <c>hex(HMAC-SHA1(AppSecret, AppId + timestamp))</c>, which is our guess.</item>
/// <item>Promise rejections. The failure callback's argument is documented as (Message, Code, Data, Visible); the
/// bridge forwards a rejection's value unchanged, and one without a Code becomes
/// <see cref="VendorCodes.VendorRejected"/>. A rejection is a failure even when its Code reads "0000".</item>
/// <item>Caller number per call. <c>MakeCallAsync</c> takes none; a make-call that names a caller number selects it
/// first as a trunk number whose id is the number itself (<c>SetSpNumberPoolNumAsync({ type: 1, id })</c>),
/// which fits <c>GetSpNumbersAsync</c> returning trunk numbers as bare strings.</item>
/// <item><c>GetOtherAgentsAsync</c> is a front-end method: the account's agent list is asked through whichever
/// agent's session is connected; "other" may leave out the asking agent, whose own state the dialer has from
/// its events anyway.</item>
/// <item>No business-id limit is documented for <c>Options.BizId</c>, so none is enforced (Meiqia's 300 is).</item>
/// <item>Timestamps. Vendor events carry none; the agent bridge stamps each when it receives it, once, so
/// re-deliveries keep the stamp (<see cref="CallCenterEventId"/> relies on that).</item>
/// </list>
/// </remarks>
internal static class UdeskAssumptions
{
    /// <summary>Assumed, used only without <c>AutoDialer:Udesk:TokenUrl</c>: the built-in signer's algorithm.</summary>
    public const string TokenAlgorithm = "hex(HMAC-SHA1(AppSecret, AppId + timestamp))";

    /// <summary>Assumed: the release cause of a <c>ConnectionCleared</c>, in its Data.</summary>
    public const string HangupCauseField = "HangupCause";

    /// <summary>Assumed: the id of an item of <c>GetNumberPoolAndSpNumAsync</c>'s <c>Data.list</c>.</summary>
    public const string NumberSourceIdField = "id";

    /// <summary>Assumed: the display name of an item of <c>Data.list</c>.</summary>
    public const string NumberSourceNameField = "name";

    /// <summary>Documented value, assumed to be the one for a make-call.</summary>
    public const string WorkFlowOutbound = "out_direct";

    /// <summary>Documented <c>WorkFlow</c> value of a callback-mode call (the agent's phone rings first).</summary>
    public const string WorkFlowCallback = "out_callback";

    /// <summary>Assumed value; the document only describes CallType in words.</summary>
    public const string CallTypeOutbound = "Outbound";

    /// <summary>As in the AdvancedCallStatusChanged example's <c>CallDirection</c>.</summary>
    public const string CallDirectionOutbound = "Outbound";

    /// <summary>
    /// The switches of the test stand-in SDK (<c>UdeskCCPaasApiClass.assumptions</c>) for what the document leaves open;
    /// the browser tests run the main flows under each setting, so no test passes only under our guess.
    /// </summary>
    public static class StandIn
    {
        /// <summary>Whether <c>ConnectionCleared</c> carries <see cref="HangupCauseField"/>: "field" or "absent".</summary>
        public const string HangupCause = "hangupCause";

        /// <summary>The call's <c>WorkFlow</c>: "out_direct" or "out_callback" (the document's only outbound example).</summary>
        public const string Workflow = "workflow";
    }
}
