using System.Text.Json;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Events;

/// <summary>
/// One vendor event as received from an agent's session, unchanged: <see cref="Vendor"/> says whose vocabulary it is
/// written in, <see cref="Name"/> is the vendor's event name (Udesk "Originated", Meiqia "blackList") and
/// <see cref="Payload"/> the vendor's object (for Udesk the whole envelope <c>{ Code, Data, Message, Visible }</c>).
/// Meaning is given to it elsewhere (<see cref="UdeskEventInterpreter"/>), so the raw record can be stored before it is
/// understood; the vendor travels with it, so it is read in its own vocabulary wherever it is read.
/// </summary>
/// <param name="Timestamp">When the session saw the event (the bridge stamps it; the vendor does not).</param>
/// <param name="EventId">Identity for idempotent storage, the same for every delivery of one event
/// (<see cref="CallCenterEventId"/>).</param>
internal sealed record CallCenterEvent(
    EventVendor Vendor,
    string AccountId,
    string AgentId,
    string Name,
    DateTimeOffset Timestamp,
    string EventId,
    JsonElement Payload)
{
    /// <summary>An event whose <see cref="EventId"/> is derived from its content (not its vendor: an account has one).</summary>
    public static CallCenterEvent Create(EventVendor vendor, string accountId, string agentId, string name, DateTimeOffset timestamp, JsonElement payload) =>
        new(vendor, accountId, agentId, name, timestamp, CallCenterEventId.Derive(accountId, agentId, name, timestamp, payload), payload);
}
