using AutoDialer.Chaos.Judging;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;

namespace AutoDialer.Chaos.Tests.Judging;

/// <summary>
/// The judge's callback rules on hand-made records: a callback the call center placed must have passed the gate every call
/// passes (do-not-call, the campaign's window, the frequency caps), at the time asked for, to its owner within the grace.
/// Calls 1 and 2 ring +8613800000001; call 2 is the callback agent-001 asked for at T0 + 100 s, the owner's until T0 + 110 s.
/// </summary>
public sealed class CallbackRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai
    private static readonly TimeSpan Grace = TimeSpan.Zero;
    private const string Phone = "+8613800000001";

    private static TruthDial Dial(long id, double at, string agent = "agent-001", string caller = "02161230001") =>
        new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), agent, "13800000001", caller, T0.AddSeconds(at), null);

    private static TruthEnd End(long id, double at) => new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "answered", 1, 1, T0.AddSeconds(at));

    private static DialerAttempt Attempt(long id, CallbackCall? callback = null, long campaign = 1) =>
        new(id, 1, Phone, "settled", "answered", true) { CampaignId = campaign, Callback = callback };

    private static readonly CallbackCall AskedFor = new(T0.AddSeconds(100), "agent-001", T0.AddSeconds(110));

    /// <summary>The first call at 0 (ended at 10) and the callback at <paramref name="at"/> (ended 10 s later).</summary>
    private static ChaosVerdict Judge(double at = 100, string agent = "agent-001", OperatorActions? actions = null, TruthDisposition[]? dispositions = null,
        IReadOnlyDictionary<long, CallingSchedule>? schedules = null, TruthDial[]? more = null) =>
        ChaosJudge.Judge(
            new TruthFile([Dial(1, 0), Dial(2, at, agent), .. more ?? []], [End(1, 10), End(2, at + 10), .. (more ?? []).Select(d => End(long.Parse(d.BusinessId, System.Globalization.CultureInfo.InvariantCulture), (d.At - T0).TotalSeconds + 1))])
            {
                Dispositions = dispositions ?? [],
            },
            [Attempt(1), Attempt(2, AskedFor), .. (more ?? []).Select(d => Attempt(long.Parse(d.BusinessId, System.Globalization.CultureInfo.InvariantCulture)))],
            actions ?? new OperatorActions(), Grace,
            campaigns: schedules?.ToDictionary(s => s.Key, s => new JudgedCampaign(s.Value, AnsweredIsFinal: false, new HashSet<string>(), TimeSpan.Zero)));

    [Fact]
    public void A_callback_dialled_to_its_owner_at_its_time_through_the_gate_is_counted_and_breaks_nothing()
    {
        var verdict = Judge();

        Assert.Equal(1, verdict.Callbacks.Dialled);
        Assert.Equal(0, verdict.Callbacks.Violations);
        Assert.Equal(0, verdict.Violations);
    }

    [Fact]
    public void A_callback_to_a_number_the_operator_put_on_the_do_not_call_list_before_it_is_a_violation()
    {
        var verdict = Judge(actions: new OperatorActions { DoNotCallAdded = new Dictionary<string, DateTimeOffset> { [Phone] = T0.AddSeconds(50) } });

        Assert.Equal(1, verdict.Callbacks.ToDoNotCall);
        Assert.StartsWith("callbacks_to_do_not_call: callback 2", Assert.Single(verdict.Examples, e => e.StartsWith("callbacks_", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_callback_to_a_number_an_agent_marked_do_not_call_before_is_a_violation()
    {
        // Call 1 was marked do-not-call by its agent at 60 (the list for every campaign at once); the callback came at 100.
        var marked = new TruthDisposition("1", "agent-002", "do_not_call", Own: true, Accepted: true, Reason: null, T0.AddSeconds(60)) { Effect = "do_not_call" };
        var refused = marked with { Accepted = false };

        Assert.Equal(1, Judge(dispositions: [marked]).Callbacks.ToDoNotCall);
        Assert.Equal(0, Judge(dispositions: [refused]).Callbacks.ToDoNotCall);
        Assert.Equal(0, Judge(dispositions: [marked with { At = T0.AddSeconds(101) }]).Callbacks.ToDoNotCall);
    }

    [Fact]
    public void A_callback_placed_while_its_campaign_s_window_is_shut_is_a_violation()
    {
        // 09:00–10:00 in Shanghai: the callback at 10:01:40 is outside; from 09:00 to 11:00 it is inside.
        static IReadOnlyDictionary<long, CallingSchedule> Open(int until) => new Dictionary<long, CallingSchedule>
        {
            [1] = new("Asia/Shanghai", Enum.GetValues<DayOfWeek>().Select(d => new CallingWindow(d, new TimeOnly(9, 0), new TimeOnly(until, 0))).ToArray()),
        };

        Assert.Equal(1, Judge(schedules: Open(10)).Callbacks.OutsideWindow);
        Assert.Equal(0, Judge(schedules: Open(11)).Callbacks.OutsideWindow);
    }

    [Fact]
    public void A_callback_beyond_the_number_s_frequency_caps_is_a_violation_whatever_extra_attempts_the_campaign_gives_callbacks()
    {
        var capped = new OperatorActions { Caps = new FrequencyCaps { Per24Hours = 2 } };

        // Call 3 at 50 (the same number) makes the callback the third call in 24 h.
        var verdict = Judge(actions: capped, more: [Dial(3, 50)]);

        Assert.Equal(1, verdict.Callbacks.OverCaps);
        Assert.Contains(verdict.Examples, e => e.StartsWith("callbacks_over_caps: callback 2", StringComparison.Ordinal));
        Assert.Equal(0, Judge(actions: capped).Callbacks.OverCaps);
    }

    [Fact]
    public void A_callback_placed_before_the_time_asked_for_is_a_violation()
    {
        Assert.Equal(1, Judge(at: 99).Callbacks.BeforeTime);
        Assert.Equal(0, Judge(at: 100).Callbacks.BeforeTime);
    }

    [Fact]
    public void A_callback_on_another_agent_s_phone_within_the_owner_s_grace_is_a_violation_after_it_is_not()
    {
        Assert.Equal(1, Judge(at: 105, agent: "agent-002").Callbacks.ToOthersWithinGrace);
        Assert.Equal(0, Judge(at: 110, agent: "agent-002").Callbacks.ToOthersWithinGrace);
        Assert.Equal(0, Judge(at: 105, agent: "agent-001").Callbacks.ToOthersWithinGrace);
    }

    [Fact]
    public void The_callback_figures_are_in_the_verdict_s_violations()
    {
        Assert.Equal(1, Judge(at: 99).Violations);
    }
}
