using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Dialing.Events;

namespace AutoDialer.Dialing.Tests.Events;

/// <summary>An event is read in the vocabulary of the vendor it travels with, never guessed from its name.</summary>
public sealed class VendorEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);

    private static readonly JsonElement UdeskOriginated =
        JsonDocument.Parse("""{"Code":0,"Data":{"CallID":"c1","Number":"13800000001"}}""").RootElement.Clone();

    [Theory]
    [InlineData(EventVendor.Udesk)]
    [InlineData(EventVendor.Simulator)] // the simulated call center speaks Udesk's vocabulary
    internal void Udesk_s_vocabulary_reads_an_Udesk_event(EventVendor vendor)
    {
        var signal = VendorEvents.Interpret(CallCenterEvent.Create(vendor, "acct", "a1", UdeskEventNames.Originated, At, UdeskOriginated));

        Assert.Equal("c1", Assert.IsType<OriginatedSignal>(signal).CallId);
    }

    [Fact]
    public void A_Meiqia_event_is_read_by_Meiqia_s_vocabulary_even_under_a_name_Udesk_knows()
    {
        var signal = VendorEvents.Interpret(CallCenterEvent.Create(EventVendor.Meiqia, "acct", "a1", UdeskEventNames.Originated, At, UdeskOriginated));

        Assert.IsType<UnknownSignal>(signal);
    }

    [Fact]
    public void A_Meiqia_event_means_what_Meiqia_s_interpreter_says()
    {
        var hangup = CallCenterEvent.Create(EventVendor.Meiqia, "acct", "a1", MeiqiaEventNames.Hangup, At, JsonDocument.Parse("{}").RootElement.Clone());

        Assert.Equal(MeiqiaEventInterpreter.Interpret(hangup).GetType(), VendorEvents.Interpret(hangup).GetType());
        Assert.IsNotType<UnknownSignal>(VendorEvents.Interpret(hangup));
    }
}
