using AutoDialer.Chaos.Judging;

namespace AutoDialer.Chaos.Tests.Judging;

public sealed class ChaosJudgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static TruthDial Dial(long id, double at, string number = "13800000001", string? refused = null, string agent = "agent-001") =>
        new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), agent, number, "02161230001", T0.AddSeconds(at), refused);

    private static TruthEnd End(long id, double at, string outcome = "answered") =>
        new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome, 1, 1, T0.AddSeconds(at));

    /// <summary>Contact <paramref name="contact"/>'s number is +86138000000 and the contact id, unless given.</summary>
    private static DialerAttempt Attempt(long id, long contact = 1, string outcome = "answered", string status = "settled", bool endEvent = true,
        string? phone = null, long campaign = 1, double? settledAt = null) =>
        new(id, contact, phone ?? $"+86138000000{contact:00}", status, outcome, endEvent)
        {
            CampaignId = campaign,
            SettledAt = settledAt is { } at ? T0.AddSeconds(at) : null,
        };

    private static ChaosVerdict Judge(TruthDial[] dials, TruthEnd[] ends, DialerAttempt[] attempts, OperatorActions? actions = null,
        DialerContact[]? contacts = null, ClusterWatch? watch = null) =>
        ChaosJudge.Judge(new TruthFile(dials, ends), attempts, actions ?? new OperatorActions(), Grace, contacts, watch);

    private static OperatorActions Campaign1(CampaignActions actions) => new() { Campaigns = new Dictionary<long, CampaignActions> { [1] = actions } };

    [Fact]
    public void A_record_that_agrees_with_the_dialer_has_no_violation()
    {
        var verdict = Judge([Dial(1, 0), Dial(2, 20)], [End(1, 10), End(2, 30, "busy")], [Attempt(1), Attempt(2, outcome: "busy")]);

        Assert.Equal(2, verdict.Calls);
        Assert.Equal(0, verdict.Violations);
        Assert.Empty(verdict.Examples);
    }

    [Fact]
    public void A_business_id_received_twice_is_a_duplicate_dial()
    {
        var verdict = Judge([Dial(1, 0), Dial(1, 5)], [End(1, 10)], [Attempt(1)]);

        Assert.Equal(1, verdict.DuplicateDials);
        Assert.Contains("dialled 2 times", verdict.Examples[0]);
    }

    [Fact]
    public void A_second_call_to_a_contact_before_the_first_ended_overlaps()
    {
        var verdict = Judge([Dial(1, 0), Dial(2, 5)], [End(1, 10), End(2, 15)], [Attempt(1), Attempt(2)]);

        Assert.Equal(1, verdict.OverlappingCalls);
    }

    [Fact]
    public void A_call_with_no_end_in_the_record_overlaps_every_later_call_to_the_contact()
    {
        var verdict = Judge([Dial(1, 0), Dial(2, 500)], [End(2, 510)], [Attempt(1, outcome: "unknown"), Attempt(2)]);

        Assert.Equal(1, verdict.OverlappingCalls);
    }

    [Fact]
    public void Calls_to_different_numbers_may_overlap()
    {
        var verdict = Judge([Dial(1, 0), Dial(2, 5, "13800000002")], [End(1, 10), End(2, 15)], [Attempt(1, contact: 1), Attempt(2, contact: 2)]);

        Assert.Equal(0, verdict.OverlappingCalls);
    }

    [Fact]
    public void Two_campaigns_ringing_one_number_at_once_overlap()
    {
        // Contacts 1 and 2 are one person listed by two campaigns.
        var verdict = Judge([Dial(1, 0), Dial(2, 5, agent: "agent-002")], [End(1, 10), End(2, 15)],
            [Attempt(1, contact: 1, phone: "+8613800000001"), Attempt(2, contact: 2, phone: "+8613800000001", campaign: 2)]);

        Assert.Equal(1, verdict.OverlappingCalls);
        Assert.Contains("number +8613800000001: call 2", verdict.Examples.Single());
    }

    [Theory]
    [InlineData(5, null, 1)]                  // placed while the agent's first call was live
    [InlineData(5, "AD-AGENT-NOT-IDLE", 1)]    // refused by a busy agent: the dialer still sent it
    [InlineData(11, null, 0)]                 // after the first call ended
    public void A_make_call_to_an_agent_on_a_live_call_double_books_the_agent(double at, string? refused, long expected)
    {
        var verdict = Judge([Dial(1, 0), Dial(2, at, "13800000002", refused)], [End(1, 10), End(2, at + 5)],
            [Attempt(1), Attempt(2, contact: 2, outcome: refused is null ? "answered" : "failed")]);

        Assert.Equal(expected, verdict.AgentsDoubleBooked);
    }

    [Fact]
    public void Budget_spent_beyond_the_calls_placed_leaked()
    {
        // Contact 1 spent 2 for one call; contact 2 spent 1 for its one call; contact 3 spent 1 for a refused make-call.
        DialerContact[] contacts = [new(1, 1, "+8613800000001", 2), new(2, 1, "+8613800000002", 1), new(3, 1, "+8613800000003", 1)];

        var verdict = Judge([Dial(1, 0), Dial(2, 0, "13800000002", agent: "agent-002"), Dial(3, 0, "13800000003", "AD-AGENT-NOT-IDLE", "agent-003")],
            [End(1, 10), End(2, 10)], [Attempt(1), Attempt(2, contact: 2), Attempt(3, contact: 3, outcome: "failed")], contacts: contacts);

        Assert.Equal(2, verdict.BudgetLeaked);
        Assert.Contains(verdict.Examples, e => e.StartsWith("budget_leaked: contact 1 ", StringComparison.Ordinal) && e.Contains("spent 2 of its budget for 1 calls")
                                               && e.EndsWith("no attempt without a call is kept", StringComparison.Ordinal));
        // The attempt that cost a dial without a call is named with what it was settled as, for a run whose logs are gone.
        Assert.Contains(verdict.Examples, e => e.StartsWith("budget_leaked: contact 3 ", StringComparison.Ordinal) && e.Contains("without a call: attempt 3 "));
    }

    [Fact]
    public void An_operator_call_that_was_slow_or_failed_is_a_stall()
    {
        var actions = new OperatorActions
        {
            Calls =
            [
                new OperatorCall("pause campaign 1", T0, TimeSpan.FromSeconds(2), null),
                new OperatorCall("adding numbers to the do-not-call list", T0, TimeSpan.FromSeconds(5.5), null),
                new OperatorCall("resume campaign 1", T0, TimeSpan.FromSeconds(0.1), "503 the database is unavailable"),
            ],
        };

        var verdict = Judge([], [], [], actions);

        Assert.Equal(2, verdict.OperatorStalls);
    }

    [Theory]
    [InlineData(60, 1)] // the sweeper settled it at 50 s, its make-call arrived at 60 s
    [InlineData(40, 0)]
    public void A_make_call_that_reaches_the_call_center_after_its_attempt_settled_counts(double dialAt, long expected)
    {
        var verdict = Judge([Dial(1, dialAt)], [End(1, dialAt + 5)], [Attempt(1, outcome: "unknown", settledAt: 50)]);

        Assert.Equal(expected, verdict.DialledAfterSettled);
    }

    [Theory]
    [InlineData(20, 5, false, 2, 1)]   // 20 s without a call, contacts due, an agent idle
    [InlineData(20, 5, true, 2, 0)]    // … but every campaign was paused for most of it
    [InlineData(20, 0, false, 2, 0)]   // … but nothing was due
    [InlineData(20, 5, false, 1, 0)]   // … but the one agent was on a call
    [InlineData(12, 5, false, 2, 0)]   // a gap under 15 s
    public void No_call_for_more_than_15_s_while_contacts_were_due_and_agents_idle_is_a_cluster_stall(double gap, long due, bool paused, int agents,
        long expected)
    {
        // Call 1 lasts the whole gap (its agent busy); the next call comes after the gap.
        var watch = new ClusterWatch(T0, T0.AddSeconds(gap + 1), agents)
        {
            DueSamples = [(T0.AddSeconds(1), due), (T0.AddSeconds(gap / 2), due)],
        };
        var actions = paused ? Campaign1(new CampaignActions { Pauses = [(T0.AddSeconds(1), T0.AddSeconds(gap))] }) : new OperatorActions();

        var verdict = Judge([Dial(1, 0.5), Dial(2, gap + 0.6, "13800000002", agent: "agent-002")], [End(1, gap + 0.5), End(2, gap + 2)],
            [Attempt(1), Attempt(2, contact: 2)], actions, watch: watch);

        Assert.Equal(expected, verdict.ClusterStalls);
    }

    [Fact]
    public void Calls_to_one_number_beyond_its_caps_over_both_campaigns_exceed_them()
    {
        // 2 a day: the number's third call, by the second campaign, is over the cap.
        var actions = new OperatorActions { Caps = new Core.Dispatch.FrequencyCaps { Per24Hours = 2, Per7Days = 5 } };

        var verdict = Judge([Dial(1, 0), Dial(2, 20), Dial(3, 40)], [End(1, 10), End(2, 30), End(3, 50)],
            [Attempt(1, phone: "+8613800000001"), Attempt(2, contact: 2, phone: "+8613800000001", campaign: 2), Attempt(3, phone: "+8613800000001")],
            actions);

        Assert.Equal(1, verdict.FrequencyCapsExceeded);
        Assert.Contains("call 3", verdict.Examples.Single());
    }

    [Theory]
    [InlineData(20.5, 0)] // within the grace: the make-call was past the gate's last check when the API answered
    [InlineData(21.5, 1)]
    [InlineData(19, 0)]   // before the number was added
    public void A_call_after_the_number_went_on_the_do_not_call_list_counts(double dialAt, long expected)
    {
        var actions = new OperatorActions { DoNotCallAdded = new Dictionary<string, DateTimeOffset> { ["+8613800000001"] = T0.AddSeconds(20) } };

        var verdict = Judge([Dial(1, dialAt)], [End(1, dialAt + 5)], [Attempt(1)], actions);

        Assert.Equal(expected, verdict.DncDialledAfterAdd);
    }

    [Fact]
    public void A_call_beyond_the_budget_in_force_when_it_was_placed_exceeds_it()
    {
        // Budget 3, lowered to 2 at 100 s: the third call before the change is within budget, after it is not.
        var actions = Campaign1(new CampaignActions { Budget = [(T0, 3), (T0.AddSeconds(100), 2)] });
        TruthDial[] dials = [Dial(1, 0), Dial(2, 20), Dial(3, 40), Dial(11, 0, "139", agent: "agent-002"), Dial(12, 20, "139", agent: "agent-002"),
            Dial(13, 140, "139", agent: "agent-002")];
        TruthEnd[] ends = [End(1, 10), End(2, 30), End(3, 50), End(11, 10), End(12, 30), End(13, 150)];
        DialerAttempt[] attempts = [Attempt(1), Attempt(2), Attempt(3), Attempt(11, contact: 2), Attempt(12, contact: 2), Attempt(13, contact: 2)];

        var verdict = Judge(dials, ends, attempts, actions);

        Assert.Equal(1, verdict.BudgetExceeded);
        Assert.Contains("call 13", verdict.Examples.Single());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void A_callback_may_go_beyond_the_budget_by_the_campaigns_extra_attempts(int extraAttempts, int expected)
    {
        // Budget 3, lowered to 2: the contact's third dial comes after the change, and it is a callback an agent promised.
        var actions = Campaign1(new CampaignActions { Budget = [(T0, 3), (T0.AddSeconds(100), 2)] });
        var callback = new CallbackCall(T0.AddSeconds(130), "agent-001", T0.AddSeconds(135));
        var campaigns = new Dictionary<long, JudgedCampaign>
        {
            [1] = new(new AutoDialer.Core.Campaigns.CallingSchedule("Asia/Shanghai", []), AnsweredIsFinal: false, new HashSet<string>(), TimeSpan.Zero) { CallbackExtraAttempts = extraAttempts },
        };

        var verdict = ChaosJudge.Judge(new TruthFile([Dial(1, 0), Dial(2, 20), Dial(3, 140)], [End(1, 10), End(2, 30), End(3, 150)]),
            [Attempt(1), Attempt(2), Attempt(3) with { Callback = callback }], actions, Grace, campaigns: campaigns);

        Assert.Equal(expected, verdict.BudgetExceeded);
    }

    [Fact]
    public void A_call_placed_while_the_campaign_was_paused_counts()
    {
        var actions = Campaign1(new CampaignActions { Pauses = [(T0.AddSeconds(10), T0.AddSeconds(30))] });

        var verdict = Judge([Dial(1, 10.5), Dial(2, 20), Dial(3, 31)], [End(1, 12), End(2, 22), End(3, 33)],
            [Attempt(1), Attempt(2, contact: 2), Attempt(3, contact: 3)], actions);

        Assert.Equal(1, verdict.DialledWhilePaused);
    }

    [Theory]
    [InlineData("busy", "busy", true, true, null)]
    [InlineData("answered", "no_answer", true, true, "settled no_answer")]
    [InlineData("answered", "unknown", true, true, "settled unknown")]      // the end is known: unknown is ignorance
    [InlineData(null, "unknown", true, false, null)]                        // still going on when the run stopped
    [InlineData(null, "answered", true, false, "had not ended")]
    [InlineData(null, "answered", false, false, "never received")]         // a call outcome for no call at all
    [InlineData(null, "failed", false, false, null)]
    public void A_settled_outcome_is_judged_against_the_call_centers(string? trueOutcome, string settled, bool received, bool ended, string? mismatch)
    {
        var dial = received ? Dial(1, 0) : null;
        var end = ended ? End(1, 10, trueOutcome!) : null;

        var found = ChaosJudge.MismatchOf(Attempt(1, outcome: settled), dial, end);

        if (mismatch is null) Assert.Null(found);
        else Assert.Contains(mismatch, found);
    }

    [Fact]
    public void A_refused_make_call_settled_as_a_call_is_a_mismatch()
    {
        var found = ChaosJudge.MismatchOf(Attempt(1, outcome: "no_answer"), Dial(1, 0, refused: "AD-AGENT-NOT-IDLE"), null);

        Assert.Contains("refused", found);
    }

    [Fact]
    public void One_rule_with_many_violations_leaves_room_for_the_examples_of_another()
    {
        // Ten calls, each twice; then one call placed for no attempt.
        var dials = Enumerable.Range(1, 10).SelectMany(i => new[] { Dial(i, i * 20, agent: $"agent-{i:000}"), Dial(i, i * 20 + 1, agent: $"agent-{i:000}") })
            .Append(Dial(99, 500, "13900000099", agent: "agent-099")).ToArray();

        var verdict = Judge(dials, [], [.. Enumerable.Range(1, 10).Select(i => Attempt(i, contact: i, outcome: "unknown"))]);

        Assert.Equal(5, verdict.Examples.Count(e => e.StartsWith("duplicate_dials: ", StringComparison.Ordinal)));
        Assert.Contains(verdict.Examples, e => e.StartsWith("unknown_calls: make-call 99 ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ended_call_whose_hang_up_was_never_stored_is_an_event_lost()
    {
        var verdict = Judge([Dial(1, 0)], [End(1, 10)], [Attempt(1, endEvent: false)]);

        Assert.Equal(1, verdict.EventsLost);
    }

    [Fact]
    public void An_attempt_not_settled_at_the_end_is_unsettled_and_a_make_call_without_an_attempt_is_unknown()
    {
        var verdict = Judge([Dial(1, 0), Dial(7, 0, "137")], [End(1, 10), End(7, 10)], [Attempt(1, status: "placed", outcome: null!)]);

        Assert.Equal(1, verdict.Unsettled);
        Assert.Equal(1, verdict.UnknownCalls);
    }

    [Fact]
    public void A_refused_make_call_may_have_no_attempt_a_placed_call_must()
    {
        var verdict = Judge([Dial(1, 0, refused: "AD-AGENT-NOT-IDLE"), Dial(2, 0, agent: "agent-002")], [End(2, 10)], []);

        Assert.Equal(1, verdict.UnknownCalls);
        Assert.Contains("make-call 2 ", verdict.Examples.Single());
    }

    [Fact]
    public void A_truth_file_whose_last_line_was_cut_short_reads_the_rest()
    {
        var truth = TruthFile.Parse([
            """{"kind":"dial","business_id":"1","agent":"a","number":"138","caller_number":null,"at":"2026-12-01T08:00:00+00:00"}""",
            """{"kind":"end","business_id":"1","outcome":"busy","ring_seconds":1.5,"talk_seconds":0,"at":"2026-12-01T08:00:02+00:00"}""",
            """{"kind":"dial","busin""",
        ]);

        Assert.Single(truth.Dials);
        Assert.Equal("busy", truth.Ends.Single().Outcome);
        Assert.Throws<FormatException>(() => TruthFile.Parse(["{\"kind\":", "{}"]));
    }

    [Fact]
    public void A_disposition_accepted_for_another_agents_call_is_a_violation_and_a_refused_one_is_not()
    {
        var truth = TruthFile.Parse([
            """{"kind":"dial","business_id":"1","agent":"agent-001","number":"13800000001","caller_number":null,"at":"2026-12-01T08:00:00+00:00"}""",
            """{"kind":"end","business_id":"1","outcome":"answered","ring_seconds":1,"talk_seconds":1,"at":"2026-12-01T08:00:02+00:00"}""",
            """{"kind":"disposition","business_id":"1","agent":"agent-001","code":"success","effect":"final_success","callback_at":null,"own":true,"accepted":true,"reason":null,"at":"2026-12-01T08:00:03+00:00"}""",
            """{"kind":"disposition","business_id":"1","agent":"agent-002","code":"success","effect":"final_success","callback_at":null,"own":false,"accepted":false,"reason":"not_your_attempt","at":"2026-12-01T08:00:04+00:00"}""",
            """{"kind":"disposition","business_id":"1","agent":"agent-003","code":"dnc","effect":"do_not_call","callback_at":null,"own":false,"accepted":true,"reason":null,"at":"2026-12-01T08:00:05+00:00"}""",
        ]);

        var verdict = ChaosJudge.Judge(truth, [Attempt(1, contact: 1, phone: "+8613800000001")], new OperatorActions(), Grace, null, null);

        Assert.Equal(3, verdict.Dispositions);
        Assert.Equal(1, verdict.ForeignDispositionsAccepted);
        Assert.Equal(1, verdict.Violations);
        Assert.Contains("agent-003", verdict.Examples.Single(), StringComparison.Ordinal);
    }
}
