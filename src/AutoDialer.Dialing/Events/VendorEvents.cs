using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Dialing.Events;

/// <summary>Reads an event in its vendor's vocabulary: Udesk's names are PascalCase, Meiqia's camelCase, and they never overlap.</summary>
public static class VendorEvents
{
    public static CallSignal Interpret(CallCenterEvent callCenterEvent) =>
        UdeskEventInterpreter.KnownEvents.Contains(callCenterEvent.Name)
            ? UdeskEventInterpreter.Interpret(callCenterEvent)
            : MeiqiaEventInterpreter.Interpret(callCenterEvent);
}
