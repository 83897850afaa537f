using System.Collections.Frozen;
using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// Gives Meiqia call-SDK events their meaning for the dialer. Every call event carries the same "通用返回数据"
/// (<c>uuid</c>, <c>customer</c>, <c>trunk_number</c>, …) and no business id.
/// </summary>
internal static class MeiqiaEventInterpreter
{
    private static readonly FrozenDictionary<string, Func<CallCenterEvent, JsonElement, CallSignal>> Table =
        new Dictionary<string, Func<CallCenterEvent, JsonElement, CallSignal>>(StringComparer.Ordinal)
        {
            [MeiqiaEventNames.Calling] = (e, d) => new OriginatedSignal(e, CallId(d), Number(d), Display(d), null),
            [MeiqiaEventNames.IncomingCall] = (e, d) => new DeliveredSignal(e, CallId(d), Number(d), Display(d), null),
            [MeiqiaEventNames.Answer] = (e, d) => new EstablishedSignal(e, CallId(d), Number(d), Display(d), null),
            // Meiqia gives no release cause: an unanswered hang-up reads as no_answer.
            [MeiqiaEventNames.Hangup] = (e, d) => new ConnectionClearedSignal(e, CallId(d), Number(d), Display(d), null, null),
            [MeiqiaEventNames.BlackList] = (e, d) => new BlacklistedSignal(e, CallId(d), Number(d), Display(d), null),
            // The phone is no longer registered, or the SDK gave up reconnecting: it cannot ring (MeiqiaAssumptions).
            [MeiqiaEventNames.Unregister] = (e, _) => new AgentStateChangedSignal(e, AgentState.Offline, null, null),
            [MeiqiaEventNames.NotifySocketReconnectFailed] = (e, _) => new AgentStateChangedSignal(e, AgentState.Offline, null, null),
            [MeiqiaEventNames.AgentInitStatus] = (e, d) =>
            {
                var code = EventData.Int(d, MeiqiaFields.CallAgentStatus);
                return new AgentStateChangedSignal(e, MeiqiaAgentStatus.ToAgentState(code), EventData.String(d, MeiqiaFields.CallAgentStatus), null);
            },
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> KnownEvents => Table.Keys;

    public static CallSignal Interpret(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        return Table.TryGetValue(callCenterEvent.Name, out var map)
            ? map(callCenterEvent, EventData.Of(callCenterEvent.Payload))
            : new UnknownSignal(callCenterEvent);
    }

    private static string? CallId(JsonElement data) => EventData.NonEmpty(EventData.String(data, MeiqiaFields.Uuid));

    private static string? Number(JsonElement data) => EventData.NonEmpty(EventData.String(data, MeiqiaFields.Customer));

    private static string? Display(JsonElement data) => EventData.NonEmpty(EventData.String(data, MeiqiaFields.TrunkNumber));
}
