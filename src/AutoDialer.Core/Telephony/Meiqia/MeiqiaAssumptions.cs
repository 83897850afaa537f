namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// Everything AutoDialer assumes about Meiqia beyond its call-SDK and Open API document, in one place, with the
/// names those assumptions introduce. Each should be checked against a real account and corrected here.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Agent ids. The bridge's agent id is Meiqia's 客服id: the <c>agent_id</c> of <c>sip/configs</c> (an int)
/// and of <c>POST login</c> (a string). We send it to <c>login</c> as a string and compare it as text.</item>
/// <item>Open API envelopes. The document lists the fields of both answers but not how they are wrapped. We
/// accept the agent list as a bare array or as an array under one of <see cref="EnvelopeDataFields"/>, and the
/// login answer as <c>{ Token, ExpireTime }</c> bare or under the same fields.</item>
/// <item><c>ExpireTime</c> is "过期时间" of type string, with no format. We read a number as Unix time (seconds,
/// or milliseconds when it exceeds <see cref="UnixMillisecondsThreshold"/>) unless it is smaller than
/// <see cref="LifetimeSecondsThreshold"/>, then as a lifetime in seconds; any other text as a date, in China
/// Standard Time (<see cref="ChinaStandardTime"/>) when it names no offset. A token whose expiry cannot be
/// read is given <see cref="FallbackLifetime"/>, so it is refreshed early rather than used until it fails.</item>
/// <item>Availability. <c>worker_status</c> "为空时可以转接" (empty = can take a transfer); we read empty as idle and
/// any other value as busy, and <c>register_status</c> "unregister" as offline whatever the worker status.</item>
/// <item>Call callbacks. <c>call</c>'s success/error say only whether placing the call was accepted. An error
/// callback carries no code, so it becomes <see cref="VendorCodes.VendorRejected"/> with its message; a
/// <c>validatorErrorCb</c> is read as the SDK refusing the arguments before dialling
/// (<see cref="VendorCodes.InvalidRequest"/>): nothing was dialled in either case.</item>
/// <item><c>answer()</c> and <c>hangup()</c> take no callbacks: the bridge reports them done once they return
/// without throwing.</item>
/// <item>Per-call caller number. The document spells the group form "group{ID}" and then gives the example
/// "gourp2"; we send "group{ID}" (<see cref="OutNumberGroupPrefix"/>), taking the example for a typo.</item>
/// <item>Outbound rules. <c>default_rule</c> 1 (人工指定号码, manual numbers) is served as trunk numbers
/// (<see cref="NumberSourceType.TrunkNumber"/>, one source per number) and 2 (动态号码组, dynamic groups) as
/// number pools (<see cref="NumberSourceType.NumberPool"/>, the group id as source id), so the port's
/// <c>SetSpNumberPoolNumAsync({type,id})</c> becomes <c>setOutNumber({ rule, number | group_id })</c>.</item>
/// <item>Agent state. Meiqia documents one status event, <c>agentInitStatus</c> at start-up; nothing says how
/// the status moves around a call. An agent can take a call only when every source agrees
/// (<c>MeiqiaAgentAvailability</c>): the SDK (<c>register</c>/<c>unregister</c>, <c>notifySocketReconnectFailed</c>,
/// <c>agentInitStatus</c> 1 = online, no call between <c>calling</c> and <c>hangup</c>/<c>blackList</c>) and the Open
/// API's <c>sip/configs</c> listing (<c>register_status</c> "register", <c>worker_status</c> empty, now within
/// <c>effective_at</c> … <c>expiration_at</c>), fetched after the agent's last call ended: the dialer relies on its
/// periodic sweep over <c>sip/configs</c> for an agent that becomes available again after a call. An agent missing
/// from the list has no seat. <c>unregister</c> and <c>notifySocketReconnectFailed</c> are read as the agent going
/// offline: its phone cannot ring.</item>
/// <item>Seat validity dates. <c>effective_at</c> (有效时间) and <c>expiration_at</c> (过期时间) are "string" with no format:
/// read as <c>ExpireTime</c> is (Unix seconds or milliseconds, else a date in China Standard Time); absent or
/// unreadable means no limit.</item>
/// <item>Blacklisting. <c>blackList</c> (呼出号码为黑名单事件) carries the common data and no business id; the document
/// neither says whether <c>calling</c> comes before it nor whether its <c>uuid</c> is set. It binds its uuid to the
/// agent's live attempt as <c>calling</c> does; one without a uuid belongs to the agent's live attempt (for its
/// <c>customer</c> when named): Meiqia places one call per agent at a time. Stand-in switches:
/// <see cref="StandIn.BlackListUuid"/>, <see cref="StandIn.CallingBeforeBlackList"/>.</item>
/// <item>Provider state. Meiqia has no <c>GetState</c>; the port's <c>GetStateAsync</c> answers with what the
/// session's own events showed last (status code, current call), which is all the SDK tells.</item>
/// <item>Token expiry while connected. On <c>unAuthorization</c> (no data) the server logs in again for that
/// agent and sends the new token with <c>refreshToken({ token })</c>; the same happens at half a token's
/// lifetime, as the document asks.</item>
/// <item>Timestamps. Meiqia events carry none; the bridge stamps each once, when it receives it.</item>
/// </list>
/// </remarks>
internal static class MeiqiaAssumptions
{
    /// <summary>Where an Open API answer may wrap its payload, in the order tried.</summary>
    public static readonly IReadOnlyList<string> EnvelopeDataFields = ["data", "Data", "result"];

    /// <summary>A numeric <c>ExpireTime</c> below this is a lifetime in seconds (about 31 years).</summary>
    public const long LifetimeSecondsThreshold = 1_000_000_000;

    /// <summary>A numeric <c>ExpireTime</c> above this is Unix milliseconds.</summary>
    public const long UnixMillisecondsThreshold = 100_000_000_000;

    /// <summary>Meiqia is a Chinese service; a date without an offset is read in UTC+8.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The lifetime given to a token whose <c>ExpireTime</c> cannot be read.</summary>
    public static readonly TimeSpan FallbackLifetime = TimeSpan.FromMinutes(30);

    public const string OutNumberGroupPrefix = "group";

    /// <summary>
    /// The switches of the test stand-in SDK (<c>MQCallSDK.assumptions</c>) for what the document leaves open; the
    /// browser tests run the main flows under each setting, so no test passes only under our guess.
    /// </summary>
    public static class StandIn
    {
        /// <summary><c>blackList</c>'s <c>uuid</c>: "call" (the call's) or "empty".</summary>
        public const string BlackListUuid = "blackListUuid";

        /// <summary>Whether <c>calling</c> comes before <c>blackList</c>: false or true.</summary>
        public const string CallingBeforeBlackList = "callingBeforeBlackList";
    }
}
