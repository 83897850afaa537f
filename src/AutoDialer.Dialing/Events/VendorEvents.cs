using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Dialing.Events;

/// <summary>Reads an event in the vocabulary of the vendor it came from (it travels with the event, and is stored with it).</summary>
internal static class VendorEvents
{
    public static CallSignal Interpret(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        return callCenterEvent.Vendor switch
        {
            EventVendor.Udesk => UdeskEventInterpreter.Interpret(callCenterEvent),
            // The simulated call center speaks Udesk's vocabulary.
            EventVendor.Simulator => UdeskEventInterpreter.Interpret(callCenterEvent),
            EventVendor.Meiqia => MeiqiaEventInterpreter.Interpret(callCenterEvent),
            _ => throw new ArgumentOutOfRangeException(nameof(callCenterEvent), callCenterEvent.Vendor, "Not a defined event vendor."),
        };
    }
}
