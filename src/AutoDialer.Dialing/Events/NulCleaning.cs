using AutoDialer.Core.Events;

namespace AutoDialer.Dialing.Events;

/// <summary>
/// A vendor event with a NUL in its payload (PostgreSQL cannot store one) is cleaned when the NUL is in a field nothing
/// reads — a city, a queue name — and stored without it: the event still counts (an Established is an Established).
/// When taking the NULs out changes what the event says (its call id, number, business id, agent state), it is left as
/// it came and is unreadable (<see cref="Unreadable"/>): it is quarantined before any lookup, since PostgreSQL refuses
/// the NUL in every statement that would carry it (22021 for a call id in a text parameter), and a batch retried for
/// that would stall its account's event pump for good.
/// </summary>
internal static class NulCleaning
{
    public static CallCenterEvent Readable(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        if (!JsonNul.In(callCenterEvent.Payload)) return callCenterEvent;
        CallCenterEvent cleaned;
        try
        {
            cleaned = callCenterEvent with { Payload = JsonNul.Without(callCenterEvent.Payload) };
        }
        catch (InvalidOperationException)
        {
            return callCenterEvent; // Unreadable besides (a lone surrogate): quarantined as it came.
        }
        var asSent = VendorEvents.Interpret(callCenterEvent) with { Source = cleaned };
        return asSent == VendorEvents.Interpret(cleaned) ? cleaned : callCenterEvent;
    }

    /// <summary>
    /// Why an event that went through <see cref="Readable"/> still cannot be stored or looked up (its NUL is in a field
    /// AutoDialer reads), naming that field; null when it can.
    /// </summary>
    public static string? Unreadable(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        if (!JsonNul.In(callCenterEvent.Payload) && !HasNul(callCenterEvent.EventId)) return null;
        var field = VendorEvents.Interpret(callCenterEvent) switch
        {
            CallEventSignal { CallId: { } id } when HasNul(id) => "its call id",
            CallEventSignal { Number: { } number } when HasNul(number) => "its number",
            CallEventSignal { BusinessId: { } business } when HasNul(business) => "its business id",
            _ => "a field AutoDialer reads",
        };
        return $"a NUL character (U+0000) in {field}: PostgreSQL cannot store it, and taking it out would change what the event says";
    }

    private static bool HasNul(string text) => text.Contains('\0', StringComparison.Ordinal);
}
