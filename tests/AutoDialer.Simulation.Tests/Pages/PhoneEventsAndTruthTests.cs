using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;
using AutoDialer.Testing;

namespace AutoDialer.Simulation.Tests.Pages;

/// <summary>A page's phone with its Udesk dialect on a manual clock: the events a call makes, and the truth it records.</summary>
public sealed class PhoneEventsAndTruthTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("simulator-phone-", TemporaryDirectory.Private);
    private readonly ManualTimeProvider _time = new();
    private readonly List<VendorEvent> _events = [];
    private readonly UdeskDialect _udesk = new(new AgentRoster());

    private static SimulationOptions Options => new()
    {
        DialerUrls = [new Uri("http://127.0.0.1/")],
        Customers = new CustomerBehaviour
        {
            PostDialDelay = DurationDistribution.Fixed(TimeSpan.FromSeconds(1)),
            RingTime = DurationDistribution.Fixed(TimeSpan.FromSeconds(2)),
            TalkTime = DurationDistribution.Fixed(TimeSpan.FromSeconds(3)),
        },
        WrapUp = DurationDistribution.Fixed(TimeSpan.FromSeconds(1)),
    };

    private string TruthPath => Path.Combine(_directory.Path, "truth.jsonl");

    [Fact]
    public void An_answered_call_makes_the_documented_events_at_the_drawn_times_and_the_truth_records_it()
    {
        using var truth = TruthLog.Create(TruthPath);
        using var phone = Phone(truth);

        var reply = _udesk.Execute(UdeskMethodNames.MakeCall, Args("[\"13800099994\", {\"BizId\": \"77\"}]"), phone);
        _time.Advance(TimeSpan.FromSeconds(1)); // rings
        _time.Advance(TimeSpan.FromSeconds(2)); // answered
        _time.Advance(TimeSpan.FromSeconds(3)); // hung up
        _time.Advance(TimeSpan.FromSeconds(1)); // wrap-up over

        Assert.Equal(CommandReply.Resolved, reply.Status);
        Assert.Equal(VendorCodes.Success, reply.Value![UdeskFields.Code]!.GetValue<string>());
        Assert.Equal(
            [UdeskEventNames.AgentStateChanged, UdeskEventNames.Originated, UdeskEventNames.Delivered, UdeskEventNames.Established, UdeskEventNames.ConnectionCleared, UdeskEventNames.AgentStateChanged],
            _events.Select(e => e.Name));
        var cleared = _events[4].Payload.GetProperty(UdeskFields.Data);
        Assert.Equal(HangupCauses.NormalClearing, cleared.GetProperty(UdeskAssumptions.HangupCauseField).GetString());
        Assert.Equal("13800099994", cleared.GetProperty(UdeskFields.CustomerInfo).GetProperty(UdeskFields.Number).GetString());

        var lines = Truth();
        Assert.Equal(["dial", "end"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.All(lines, l => Assert.Equal("77", l.GetProperty("business_id").GetString()));
        Assert.Equal(CallOutcomes.Answered, lines[1].GetProperty("outcome").GetString());
        Assert.Equal(3.0, lines[1].GetProperty("ring_seconds").GetDouble());
        Assert.Equal(3.0, lines[1].GetProperty("talk_seconds").GetDouble());
        Assert.Equal(AgentState.Idle, phone.State);
    }

    [Theory]
    [InlineData("13800099991", CallOutcomes.Busy)]
    [InlineData("13800099992", CallOutcomes.NoAnswer)]
    [InlineData("13800099993", CallOutcomes.Rejected)]
    [InlineData("13800099995", CallOutcomes.Failed)]
    public void Each_numbers_fate_ends_in_its_outcome(string number, string outcome)
    {
        using var truth = TruthLog.Create(TruthPath);
        using var phone = Phone(truth);

        Assert.True(phone.MakeCall(new MakeCallRequest(number, "5")).Ok);
        for (var i = 0; i < 60; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(outcome, Truth().Single(l => l.GetProperty("kind").GetString() == "end").GetProperty("outcome").GetString());
    }

    [Fact]
    public void An_invalid_number_is_refused_and_recorded_as_an_invalid_end()
    {
        using var truth = TruthLog.Create(TruthPath);
        using var phone = Phone(truth);

        var reply = _udesk.Execute(UdeskMethodNames.MakeCall, Args("[\"13800099990\", {\"BizId\": \"9\"}]"), phone);

        Assert.Equal(CommandReply.Rejected, reply.Status);
        Assert.Equal(VendorCodes.InvalidNumber, reply.Value![UdeskFields.Code]!.GetValue<string>());
        Assert.Empty(_events);
        Assert.Equal(CallOutcomes.Invalid, Truth()[1].GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_busy_agent_refuses_a_second_call_and_the_truth_says_none_was_placed()
    {
        using var truth = TruthLog.Create(TruthPath);
        using var phone = Phone(truth);
        Assert.True(phone.MakeCall(new MakeCallRequest("13800099994", "1")).Ok);

        var second = phone.MakeCall(new MakeCallRequest("13800099994", "2"));

        Assert.Equal(VendorCodes.AgentNotIdle, second.Code);
        Assert.Equal(VendorCodes.AgentNotIdle, Truth()[1].GetProperty("refused").GetString());
    }

    [Fact]
    public void The_same_seed_and_business_id_draw_the_same_call()
    {
        using var first = Phone(TruthLog.None);
        using var second = Phone(TruthLog.None);

        first.MakeCall(new MakeCallRequest("13812345678", "314"));
        second.MakeCall(new MakeCallRequest("13812345678", "314"));

        Assert.Equal(first.CurrentCall!.CallId, second.CurrentCall!.CallId);
        Assert.Equal(first.CurrentCall.Response, second.CurrentCall.Response);
    }

    private AgentPhone Phone(TruthLog truth)
    {
        var phone = Options.Phone("agent-001", _time);
        phone.Happened = e =>
        {
            truth.Record(phone.AgentId, e);
            _events.AddRange(_udesk.EventsOf(e));
        };
        return phone;
    }

    private JsonElement[] Truth() =>
        File.ReadAllLines(TruthPath).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    private static JsonElement Args(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public void Dispose() => _directory.Dispose();
}
