using AutoDialer.Core.Events;

namespace AutoDialer.Dialing.Events;

/// <summary>
/// A vendor event with a NUL in its payload (PostgreSQL cannot store one) is cleaned when the NUL is in a field nothing
/// reads — a city, a queue name — and stored without it: the event still counts (an Established is an Established).
/// When taking the NULs out changes what the event says (its call id, number, business id, agent state), it is left as
/// it came, and the store quarantines it as unreadable.
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
}
