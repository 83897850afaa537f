using System.Globalization;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Dispatch;

/// <summary>
/// The lease's decisions as a table: what it read (free agents, pages of due contacts with their callees' dials, caller
/// numbers) and what it writes, read as <c>c1→a1/n1</c> (contact 1 leased to agent a1, showing caller number n1),
/// <c>c2:suppressed:do_not_call</c> (contact 2 refused, where it goes and why, <c>@+Nh</c> when it is due again N hours
/// from now) and <c>next:[1,2]:1</c> (read another page past contacts 1 and 2, for one agent).
/// </summary>
public class LeasePlannerTests
{
    // A Wednesday, 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2025, 6, 11, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly CallerNumber N1 = new("n1", "+862161230001", "021");
    private static readonly CallerNumber N2 = new("n2", "+862161230002", "021");

    private static readonly CampaignSettings Settings = CampaignSettings.Default("Asia/Shanghai") with
    {
        Retry = new RetryPolicy { MaxAttempts = 3, MaxAttemptsPerDay = 2 },
    };

    private static readonly FrequencyCaps NoCaps = FrequencyCaps.Off;
    private static readonly FrequencyCaps Caps = new() { Per24Hours = 2, Per7Days = 5 };
    private static readonly FrequencyCaps PerNumberCap = new() { Per24Hours = 0, Per7Days = 0, PerCallerNumberPer24Hours = 1 };

    /// <summary>A due contact; its phone is +86138000000 and its id.</summary>
    private static LeaseCandidate C(long id, int attempts = 0, int today = 0, bool dnc = false, string? zone = null) =>
        new(id, Phone(id), zone, attempts, today, dnc);

    /// <summary>A due contact waiting for a callback asked for <paramref name="minutesAgo"/> minutes ago, owned by <paramref name="owner"/> for the default grace (10 minutes).</summary>
    private static LeaseCandidate Callback(long id, string owner, double minutesAgo, int attempts = 0, int today = 0, bool dnc = false) =>
        C(id, attempts, today, dnc) with { Callback = ScheduledCallback.For(Now.AddMinutes(-minutesAgo), owner, new CallbackPolicy()) };

    private static string Phone(long id) => "+86138000000" + id.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A page read for <paramref name="limit"/> agents, without caps (no dials read, no callee locked).</summary>
    private static CandidatePage Page(int limit, params LeaseCandidate[] candidates) => new(limit, candidates, null);

    /// <summary>A page with caps on: every callee locked by this lease unless named in <paramref name="lockedElsewhere"/>.</summary>
    private static CandidatePage LockedPage(int limit, LeaseCandidate[] candidates, long[]? lockedElsewhere = null,
        params (long Contact, double HoursAgo, string? CallerNumber)[] dials)
    {
        var locked = candidates.Where(c => !c.OnDoNotCall && !(lockedElsewhere ?? []).Contains(c.ContactId))
            .ToDictionary(c => c.Phone, c => (IReadOnlyList<CalleeDial>)dials.Where(d => d.Contact == c.ContactId)
                .Select(d => new CalleeDial(Now.AddHours(-d.HoursAgo), d.CallerNumber)).ToList());
        return new CandidatePage(limit, candidates, locked);
    }

    private static LeaseFacts Facts(string[] free, FrequencyCaps? caps = null, CampaignSettings? settings = null, CallerNumberRecord[]? numbers = null,
        int attemptIds = 4) =>
        new(7, settings ?? Settings, caps ?? NoCaps, free, Enumerable.Range(101, attemptIds).Select(i => (long)i).ToList(), numbers ?? [], Now);

    private static CallerNumberRecord Stored(CallerNumber number, int usedToday = 0) =>
        new(number.Id, DateOnly.FromDateTime(Now.DateTime), usedToday, null, null, []);

    private static readonly CampaignSettings WithTwoNumbers = Settings with { CallerNumbers = [N1, N2] };

    public static IEnumerable<object[]> Table() => new TheoryData<string, LeaseFacts, CandidatePage[], string>()
    {
        { "each free agent gets the next due contact, in order of service",
            Facts(["a1", "a2"]), [Page(2, C(1), C(2))], "c1→a1 c2→a2" },
        { "an agent with a live attempt is not served; the contact past the last agent stays due",
            Facts(["a2"]), [Page(2, C(1), C(2))], "c1→a2" },
        { "a short page is all there is: no more is read",
            Facts(["a1", "a2"]), [Page(2, C(1))], "c1→a1" },
        { "a number on the do-not-call list is suppressed, and the lease looks further",
            Facts(["a1"]), [Page(1, C(1, dnc: true))], "c1:suppressed:do_not_call next:[1]:1" },
        { "the next page serves the agent the first one could not",
            Facts(["a1"]), [Page(1, C(1, dnc: true)), Page(1, C(2))], "c2→a1 c1:suppressed:do_not_call" },
        { "a spent budget is done",
            Facts(["a1", "a2"]), [Page(2, C(1, attempts: 3), C(2))], "c2→a1 c1:done:budget_exhausted next:[1,2]:1" },
        { "today's attempts used: deferred to the nightly batch",
            Facts(["a1"]), [Page(2, C(1, attempts: 2, today: 2), C(2))], "c2→a1 c1:deferred:daily_cap" },
        { "night in the contact's own zone: pending, due when its window opens (New York 09:00)",
            Facts(["a1"]), [Page(2, C(1, zone: "America/New_York"), C(2))], "c2→a1 c1:pending:outside_window@+11h" },
        { "a callee another lease is dialling is skipped and stays as it is",
            Facts(["a1"], Caps), [LockedPage(2, [C(1), C(2)], lockedElsewhere: [1])], "c2→a1" },
        { "a callee on the do-not-call list is suppressed though its lock was not taken",
            Facts(["a1"], Caps), [LockedPage(2, [C(1, dnc: true), C(2)])], "c2→a1 c1:suppressed:do_not_call" },
        { "two dials in 24 hours by any campaign: pending until the older is a day old",
            Facts(["a1"], Caps), [LockedPage(2, [C(1, attempts: 1, today: 1), C(2)], null, (1, 1, null), (1, 20, null))],
            "c2→a1 c1:pending:frequency_cap@+4h" },
        { "every caller number has called this callee today: refused until the first may again",
            Facts(["a1"], PerNumberCap, Settings with { CallerNumbers = [N1] }, [Stored(N1)]),
            [LockedPage(2, [C(1, attempts: 1, today: 1), C(2)], null, (1, 3, N1.Number))], "c2→a1/n1 c1:pending:frequency_cap@+21h" },
        { "one caller number has called this callee today: the other one calls",
            Facts(["a1"], PerNumberCap, WithTwoNumbers, [Stored(N1), Stored(N2)]),
            [LockedPage(1, [C(1, attempts: 1, today: 1)], null, (1, 3, N2.Number))], "c1→a1/n1" },
        { "round robin by attempt id, counting each choice",
            Facts(["a1", "a2", "a3"], settings: WithTwoNumbers, numbers: [Stored(N1), Stored(N2)]), [Page(3, C(1), C(2), C(3))],
            "c1→a1/n2 c2→a2/n1 c3→a3/n2" },
        { "a caller number in the settings but not yet stored is not shown",
            Facts(["a1", "a2"], settings: WithTwoNumbers, numbers: [Stored(N2)]), [Page(2, C(1), C(2))], "c1→a1/n2 c2→a2/n2" },
        { "a callback within its owner's grace goes to its owner, not to the agent idle longest",
            Facts(["a1", "a2"]), [Page(2, Callback(1, "a2", minutesAgo: 1), C(2))], "c1→a2 c2→a1" },
        { "a callback within its owner's grace waits for its owner: no other agent takes it, and it stays due",
            Facts(["a1"]), [Page(2, Callback(1, "a9", minutesAgo: 1), C(2))], "c2→a1" },
        { "after the grace a callback goes to any agent of the campaign",
            Facts(["a1"]), [Page(1, Callback(1, "a9", minutesAgo: 11))], "c1→a1" },
        { "a callback to a number on the do-not-call list is suppressed, even for its owner",
            Facts(["a1"]), [Page(2, Callback(1, "a1", minutesAgo: 1, dnc: true), C(2))], "c2→a1 c1:suppressed:do_not_call" },
        { "a callback may use the campaign's extra attempt beyond the budget and the day's cap",
            Facts(["a1"]), [Page(1, Callback(1, "a1", minutesAgo: 1, attempts: 3, today: 2))], "c1→a1" },
        { "a callback past its extra attempts is refused as any contact",
            Facts(["a1"]), [Page(2, Callback(1, "a1", minutesAgo: 1, attempts: 4, today: 1), C(2))], "c2→a1 c1:done:budget_exhausted" },
        { "a callback due outside the calling window waits for the window, owner or not",
            Facts(["a1"], settings: Settings with { Schedule = CallingSchedule.Default("America/New_York") }),
            [Page(1, Callback(1, "a1", minutesAgo: 1))], "c1:pending:outside_window@+11h next:[1]:1" },
        { "after four pages the lease stops looking",
            Facts(["a1"]), [Page(1, C(1, dnc: true)), Page(1, C(2, dnc: true)), Page(1, C(3, dnc: true)), Page(1, C(4, dnc: true))],
            "c1:suppressed:do_not_call c2:suppressed:do_not_call c3:suppressed:do_not_call c4:suppressed:do_not_call" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    internal void Decides_as_the_table_says(string because, LeaseFacts facts, CandidatePage[] pages, string expected)
    {
        Assert.True(expected == Describe(LeasePlanner.Plan(facts, pages)), $"{because}: {Describe(LeasePlanner.Plan(facts, pages))}");
    }

    [Fact]
    public void A_lease_carries_the_dial_strings_and_the_caller_number_it_shows()
    {
        var plan = LeasePlanner.Plan(Facts(["a1"], settings: Settings with { CallerNumbers = [N1] }, numbers: [Stored(N1)]), [Page(1, C(1))]);

        Assert.Equal(new DialLease(101, 7, 1, "a1", Phone(1), "13800000001", "n1", N1.Number, "02161230001"), Assert.Single(plan.Leases));
    }

    [Fact]
    public void Caller_numbers_are_counted_on_the_campaign_s_day()
    {
        // 01:00 in Shanghai is still the day before in UTC.
        var facts = Facts(["a1", "a2"], settings: WithTwoNumbers with { CallerNumbers = [N1] }, numbers: [Stored(N1)]) with
        {
            Now = new DateTimeOffset(2025, 6, 11, 1, 0, 0, TimeSpan.FromHours(8)),
            Settings = WithTwoNumbers with { CallerNumbers = [N1], Schedule = CallingSchedule.Always("Asia/Shanghai") },
        };

        var plan = LeasePlanner.Plan(facts, [Page(2, C(1), C(2))]);

        Assert.Equal(new DateOnly(2025, 6, 11), plan.Today);
        Assert.Equal(new[] { ("n1", 2) }, plan.NumberUses);
    }

    [Fact]
    public void A_callback_s_lease_carries_its_callback()
    {
        var candidate = Callback(1, "a1", minutesAgo: 1);

        var plan = LeasePlanner.Plan(Facts(["a1"]), [Page(1, candidate)]);

        Assert.Equal(candidate.Callback, Assert.Single(plan.Leases).Callback);
    }

    [Fact]
    public void A_plan_with_no_lease_and_no_refusal_writes_nothing()
    {
        Assert.True(LeasePlanner.Plan(Facts([]), [Page(2, C(1), C(2))]).IsEmpty);
        Assert.False(LeasePlanner.Plan(Facts(["a1"]), [Page(1, C(1, dnc: true))]).IsEmpty);
    }

    private static string Describe(LeasePlan plan)
    {
        var parts = plan.Leases.Select(l => $"c{l.ContactId}→{l.AgentId}{(l.CallerNumberId is { } n ? "/" + n : "")}")
            .Concat(plan.Moves.Select(m => $"c{m.ContactId}:{m.State.ToName()}:{m.Reason.ToName()}"
                                           + (m.Due is { } due ? string.Create(CultureInfo.InvariantCulture, $"@+{(due - Now).TotalHours:0.##}h") : "")))
            .ToList();
        if (plan.NextPage is { } next)
            parts.Add($"next:[{string.Join(",", next.Seen)}]:{next.Limit}");
        return string.Join(" ", parts);
    }
}
