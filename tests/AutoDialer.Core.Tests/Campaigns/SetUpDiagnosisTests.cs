using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Campaigns.SetUp;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Core.Tests.Campaigns;

/// <summary>The campaign-wide faults of "why isn't it dialling?", each from the facts that make it, and what fixes it.</summary>
public class SetUpDiagnosisTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Wednesday 2026-06-10 10:00: inside the default 09:00–21:00 window, no holiday, the calendar covered for months.
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 10, 0, 0, Shanghai);
    private static readonly AccountFacts BridgeAccount = new(Bridge: true, CircuitOpen: false, null);

    private static readonly CampaignSettings Ready = CampaignSettings.Default("Asia/Shanghai") with { AgentIds = ["1001", "1002"], ProviderAccount = "udesk" };

    private static IReadOnlyList<SetUpFault> Find(CampaignSettings settings, AccountFacts? account, IReadOnlyList<AgentFacts> pages, DateTimeOffset? now = null) =>
        SetUpDiagnosis.Find(new SetUpFacts(settings.WithCalendarFrom(HolidayCalendars.Shipped), account, pages, now ?? Now));

    private static string[] Codes(IReadOnlyList<SetUpFault> faults) => faults.Select(f => f.Code).ToArray();

    [Fact]
    public void A_campaign_set_up_with_a_ready_agent_has_no_fault()
    {
        Assert.Empty(Find(Ready, BridgeAccount, [new AgentFacts("1001", "busy"), new AgentFacts("1002", "")]));
    }

    [Fact]
    public void No_agents_assigned_is_fixed_in_the_agents_section()
    {
        var fault = Assert.Single(Find(Ready with { AgentIds = [] }, BridgeAccount, []));

        Assert.Equal((SetUpFaultCodes.NoAgentsAssigned, SettingsSections.Agents), (fault.Code, fault.Section));
    }

    [Fact]
    public void An_account_no_node_serves_is_not_configured_and_says_which()
    {
        var fault = Assert.Single(Find(Ready, account: null, []));

        Assert.Equal((SetUpFaultCodes.ProviderAccountNotConfigured, SettingsSections.Provider, "udesk"), (fault.Code, fault.Section, fault.ProviderAccount));
    }

    [Fact]
    public void An_open_circuit_is_named_with_its_reason()
    {
        var fault = Assert.Single(Find(Ready, BridgeAccount with { CircuitOpen = true, CircuitReason = "make-call circuit Open" },
            [new AgentFacts("1001", "")]));

        Assert.Equal((SetUpFaultCodes.ProviderCircuitOpen, "make-call circuit Open"), (fault.Code, fault.Reason));
    }

    [Fact]
    public void No_page_connected_for_any_agent_counts_the_agents_assigned()
    {
        // A page of an agent the campaign does not have is no help.
        var fault = Assert.Single(Find(Ready, BridgeAccount, [new AgentFacts("2001", "")]));

        Assert.Equal((SetUpFaultCodes.NoAgentConnected, SettingsSections.Agents, 2, 0), (fault.Code, fault.Section, fault.Assigned, fault.Connected));
    }

    [Fact]
    public void Connected_agents_that_are_all_busy_or_not_ready_are_counted_by_why()
    {
        var fault = Assert.Single(Find(Ready, BridgeAccount, [new AgentFacts("1001", "on-break"), new AgentFacts("1002", null)]));

        Assert.Equal(SetUpFaultCodes.AgentsNotReady, fault.Code);
        Assert.Equal(2, fault.Connected);
        Assert.Equal(new Dictionary<string, int> { ["not-reported"] = 1, ["on-break"] = 1 }, fault.NotReady);
    }

    [Fact]
    public void Agents_in_the_dialling_process_need_no_page()
    {
        Assert.Empty(Find(Ready with { ProviderAccount = "simulator" }, new AccountFacts(Bridge: false, false, null), []));
    }

    [Theory]
    [InlineData(RotationKind.RoundRobin, 0, false)]
    [InlineData(RotationKind.LeastUsed, 0, true)]
    [InlineData(RotationKind.LocalPresence, 0, true)]
    [InlineData(RotationKind.LocalPresence, 1, false)]
    internal void A_rotation_that_chooses_among_numbers_needs_some(RotationKind kind, int numbers, bool fault)
    {
        var settings = Ready with
        {
            Rotation = new RotationPolicy { Kind = kind },
            CallerNumbers = [.. Enumerable.Range(0, numbers).Select(i => new CallerNumber($"n{i}", "+861062345678", "010"))],
        };

        var faults = Find(settings, BridgeAccount, [new AgentFacts("1001", "")]);

        Assert.Equal(fault ? [SetUpFaultCodes.NoCallerNumbers] : [], Codes(faults));
        if (fault) Assert.Equal(SettingsSections.CallerNumbers, faults[0].Section);
    }

    [Fact]
    public void Outside_the_window_names_the_next_opening()
    {
        var fault = Assert.Single(Find(Ready, BridgeAccount, [new AgentFacts("1001", "")], new DateTimeOffset(2026, 6, 10, 22, 0, 0, Shanghai)));

        Assert.Equal((SetUpFaultCodes.OutsideWindow, SettingsSections.Windows), (fault.Code, fault.Section));
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 9, 0, 0, Shanghai), fault.NextOpening);
    }

    [Fact]
    public void A_blackout_date_is_named_as_such()
    {
        var settings = Ready with { Schedule = Ready.Schedule with { BlackoutDates = [new DateOnly(2026, 6, 10)] } };

        var fault = Assert.Single(Find(settings, BridgeAccount, [new AgentFacts("1001", "")]));

        Assert.Equal((SetUpFaultCodes.Blackout, SettingsSections.Blackout), (fault.Code, fault.Section));
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 9, 0, 0, Shanghai), fault.NextOpening);
    }

    [Fact]
    public void A_holiday_is_named_with_its_name_and_the_end_of_the_break()
    {
        var settings = Ready with { Schedule = Ready.Schedule with { HolidayCalendarId = "cn" } };

        var fault = Assert.Single(Find(settings, BridgeAccount, [new AgentFacts("1001", "")], new DateTimeOffset(2026, 6, 19, 10, 0, 0, Shanghai)));

        Assert.Equal((SetUpFaultCodes.Holiday, SettingsSections.Holidays, "端午节", "Dragon Boat Festival"),
            (fault.Code, fault.Section, fault.HolidayNameZh, fault.HolidayNameEn));
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 9, 0, 0, Shanghai), fault.NextOpening);
    }

    [Theory]
    [InlineData("2026-11-30", null)]
    [InlineData("2026-12-06", SetUpFaultCodes.HolidayCalendarEnding)]
    [InlineData("2027-01-04", SetUpFaultCodes.HolidayCalendarEnded)]
    public void A_calendar_whose_data_ends_within_thirty_days_or_has_ended_is_warned_of(string day, string? code)
    {
        var settings = Ready with { Schedule = Ready.Schedule with { HolidayCalendarId = "cn" } };
        var now = new DateTimeOffset(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(10, 0)), Shanghai);

        var faults = Find(settings, BridgeAccount, [new AgentFacts("1001", "")], now);

        Assert.Equal(code is null ? [] : [code], Codes(faults));
        if (code is not null) Assert.Equal(new DateOnly(2026, 12, 31), faults[0].CoveredUntil);
    }

    [Fact]
    public void A_campaign_without_the_calendar_is_not_warned_about_it()
    {
        Assert.Empty(Find(Ready, BridgeAccount, [new AgentFacts("1001", "")], new DateTimeOffset(2026, 12, 6, 10, 0, 0, Shanghai)));
    }

    private static IReadOnlyList<SetUpFault> FindWithMakeCalls(int placed, params (string Code, int Count)[] failed) =>
        SetUpDiagnosis.Find(new SetUpFacts(Ready.WithCalendarFrom(HolidayCalendars.Shipped), BridgeAccount, [new AgentFacts("1001", "")], Now)
        {
            RecentMakeCalls = new MakeCallFacts(placed, failed.ToDictionary(f => f.Code, f => f.Count)),
        });

    [Fact]
    public void Make_calls_the_vendor_refuses_every_time_are_a_fault_named_with_their_codes()
    {
        // The journey's case: a caller number that is not the agent's, refused on every make-call, and nothing said why.
        var fault = Assert.Single(FindWithMakeCalls(placed: 0, ("AD-SIM-NO-SOURCE", 4), ("2001", 1), (VendorCodes.AgentNotIdle, 7)));

        Assert.Equal((SetUpFaultCodes.MakeCallsFailing, SettingsSections.Provider), (fault.Code, fault.Section));
        Assert.Equal(new Dictionary<string, int> { ["2001"] = 1, ["AD-SIM-NO-SOURCE"] = 4 }, fault.FailedByCode);
    }

    [Theory]
    [InlineData(1, 5)] // one call placed: the set-up can place calls
    [InlineData(0, SetUpDiagnosis.MakeCallFailureFloor - 1)] // too few to say
    public void Refusals_beside_a_placed_call_or_too_few_of_them_are_no_fault(int placed, int refusals)
    {
        Assert.Empty(FindWithMakeCalls(placed, ("AD-SIM-NO-SOURCE", refusals)));
    }

    [Fact]
    public void Busy_agents_an_open_circuit_passed_deadlines_and_timeouts_are_not_the_set_ups_fault()
    {
        Assert.Empty(FindWithMakeCalls(0, (VendorCodes.AgentNotIdle, 9), (MakeCallFailures.CircuitOpenCode, 9),
            (VendorCodes.DeadlinePassed, 9), (VendorCodes.Timeout, 9), ("AD-SIM-NO-SOURCE", SetUpDiagnosis.MakeCallFailureFloor - 1)));
    }
}
