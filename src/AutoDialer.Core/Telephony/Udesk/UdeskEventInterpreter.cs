using System.Collections.Frozen;
using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>
/// Gives Udesk events their meaning for the dialer: one row per documented event name. Events outside the
/// table (PhoneModeChanged, GetState, Conferenced, …) become <see cref="UnknownSignal"/>; they are still
/// stored raw.
/// </summary>
internal static class UdeskEventInterpreter
{
    private static readonly FrozenDictionary<string, Func<CallCenterEvent, JsonElement, CallSignal>> Table =
        new Dictionary<string, Func<CallCenterEvent, JsonElement, CallSignal>>(StringComparer.Ordinal)
        {
            [UdeskEventNames.AgentStateChanged] = (e, d) => new AgentStateChangedSignal(
                e,
                AgentStates.Parse(EventData.String(d, UdeskFields.CurState)),
                EventData.NonEmpty(EventData.String(d, UdeskFields.CurStateSubId)),
                EventData.String(d, UdeskFields.OldState) is { } old ? AgentStates.Parse(old) : null),
            // Ready reports the state the workbench starts (or reconnects) in: the same fact for dispatch.
            [UdeskEventNames.Ready] = (e, d) => new AgentStateChangedSignal(
                e, AgentStates.Parse(EventData.String(d, UdeskFields.CurState)), null, null),
            [UdeskEventNames.Originated] = (e, d) => new OriginatedSignal(e, CallId(d), Number(d), Display(d), BizId(d)),
            [UdeskEventNames.Delivered] = (e, d) => new DeliveredSignal(e, CallId(d), Number(d), Display(d), BizId(d)),
            [UdeskEventNames.Established] = (e, d) => new EstablishedSignal(e, CallId(d), Number(d), Display(d), BizId(d)),
            [UdeskEventNames.Held] = (e, d) => new HeldSignal(e, CallId(d), Number(d), Display(d), BizId(d)),
            [UdeskEventNames.Retrieved] = (e, d) => new RetrievedSignal(e, CallId(d), Number(d), Display(d), BizId(d)),
            [UdeskEventNames.ConnectionCleared] = (e, d) => new ConnectionClearedSignal(
                e, CallId(d), Number(d), Display(d), BizId(d),
                EventData.NonEmpty(EventData.String(d, UdeskAssumptions.HangupCauseField))),
            // The same call events again, wrapped with the buttons' state; named by Data.CallEvent.
            [UdeskEventNames.AdvancedCallStatusChanged] = (e, d) =>
                EventData.String(d, UdeskFields.CallEvent) is { } inner
                && inner != UdeskEventNames.AdvancedCallStatusChanged
                && Table!.TryGetValue(inner, out var map)
                    ? map(e, d)
                    : new UnknownSignal(e),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The names this interpreter gives a meaning to.</summary>
    public static IReadOnlyCollection<string> KnownEvents => Table.Keys;

    public static CallSignal Interpret(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        if (!Table.TryGetValue(callCenterEvent.Name, out var map))
            return new UnknownSignal(callCenterEvent);
        var data = EventData.Of(callCenterEvent.Payload);
        var signal = map(callCenterEvent, data);
        // Callback mode rings the agent first: the classifier reads that from the signal, not from Udesk's fields.
        return signal is CallEventSignal call && EventData.String(data, UdeskFields.WorkFlow) == UdeskAssumptions.WorkFlowCallback
            ? call with { AgentLegFirst = true }
            : signal;
    }

    private static string? CallId(JsonElement data) => EventData.NonEmpty(EventData.String(data, UdeskFields.CallId));

    private static string? Number(JsonElement data)
    {
        var customer = EventData.Object(data, UdeskFields.CustomerInfo);
        return EventData.NonEmpty(EventData.String(customer, UdeskFields.Number))
            ?? EventData.NonEmpty(EventData.String(customer, UdeskFields.TelNumber));
    }

    private static string? Display(JsonElement data) =>
        EventData.NonEmpty(EventData.String(data, UdeskFields.DisplayNum))
        ?? EventData.NonEmpty(EventData.String(EventData.Object(data, UdeskFields.DisplayInfo), UdeskFields.TelNumber));

    private static string? BizId(JsonElement data) => EventData.NonEmpty(EventData.String(data, UdeskFields.UserData));
}
