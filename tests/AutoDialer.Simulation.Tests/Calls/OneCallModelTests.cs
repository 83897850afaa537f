using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;
using static AutoDialer.Simulation.Tests.InProcess.TestSimulator;

namespace AutoDialer.Simulation.Tests.Calls;

/// <summary>
/// Both simulators run one call model (<see cref="AgentPhone"/>): the in-process call center and a page's phone, given
/// the same seed and customers, place the same call for the same business id and tell the same story in Udesk's events.
/// </summary>
public sealed class OneCallModelTests
{
    private const int Seed = 7;

    [Theory]
    [InlineData("13812345678")] // left to chance: the seed and the business id decide
    [InlineData(Answers)]
    [InlineData(Busy)]
    [InlineData(Rejects)]
    [InlineData(NeverAnswers)]
    [InlineData(NetworkFails)]
    public async Task The_call_center_and_a_page_place_the_same_call_and_send_the_same_events(string number)
    {
        var centerClock = new ManualTimeProvider();
        await using var center = new SimulatedCallCenter(Options with { Seed = Seed }, centerClock);
        center.Events.Drain(); // the workbenches' Ready
        var pageClock = new ManualTimeProvider();
        using var phone = new SimulationOptions
        {
            DialerUrls = [new Uri("http://127.0.0.1/")],
            Seed = Seed,
            Customers = Options.Customers,
            WrapUp = Options.WrapUpTime,
        }.Phone("agent-001", pageClock);
        var pageEvents = new List<VendorEvent>();
        phone.Happened = e => pageEvents.AddRange(UdeskEvents.Of(e));

        var inProcess = await center.Session().MakeCallAsync(new MakeCallRequest(number, "314"), CancellationToken.None);
        var onPage = phone.MakeCall(new MakeCallRequest(number, "314"));
        var placedInProcess = center.Events.Drain().Single(e => e.Name == Core.Telephony.Udesk.UdeskEventNames.Originated);
        for (var second = 0; second < 120; second++)
        {
            centerClock.Advance(TimeSpan.FromSeconds(1));
            pageClock.Advance(TimeSpan.FromSeconds(1));
        }

        var centerEvents = center.Events.Drain();

        Assert.True(inProcess.IsSuccess && onPage.Ok, $"in process: {inProcess.Code}, on the page: {onPage.Code}");
        Assert.Equal(placedInProcess.Field(Core.Telephony.Udesk.UdeskFields.CallId), onPage.Call!.CallId);
        Assert.Equal(
            pageEvents.Select(e => e.Name),
            [Core.Telephony.Udesk.UdeskEventNames.AgentStateChanged, Core.Telephony.Udesk.UdeskEventNames.Originated, .. centerEvents.Select(e => e.Name)]);
        var clearedOnPage = pageEvents.Single(e => e.IsHangup).Payload.GetProperty("Data");
        var clearedInProcess = centerEvents.Single(e => e.Name == Core.Telephony.Udesk.UdeskEventNames.ConnectionCleared).Data();
        Assert.Equal(clearedInProcess.GetRawText(), clearedOnPage.GetRawText());
    }
}
