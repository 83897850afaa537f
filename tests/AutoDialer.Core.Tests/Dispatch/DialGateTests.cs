using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Dispatch;

public class DialGateTests
{
    // A Wednesday, 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2025, 6, 11, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly CallingSchedule Schedule = CallingSchedule.Default("Asia/Shanghai");
    private static readonly RetryPolicy Retry = new() { MaxAttempts = 3, MaxAttemptsPerDay = 2 };
    private static readonly FrequencyCaps Caps = new() { Per24Hours = 2, Per7Days = 5, PerCallerNumberPer24Hours = 1 };

    private static DialCandidate Candidate(bool running = true, bool dnc = false, int attempts = 0, int today = 0, string? zone = null,
        params CalleeDial[] dials) => new(running, dnc, attempts, today, zone, dials);

    private static CalleeDial HoursAgo(double hours, string? caller = null) => new(Now.AddHours(-hours), caller);

    public static IEnumerable<object[]> Table() => new TheoryData<string, DialCandidate, DialVerdict>()
    {
        { "fresh contact", Candidate(), DialVerdict.Allow },
        { "paused or cancelled campaign", Candidate(running: false), new DialVerdict.Refused(DialRefusal.CampaignNotRunning) },
        { "number on the do-not-call list", Candidate(dnc: true), new DialVerdict.Refused(DialRefusal.DoNotCall) },
        { "do-not-call wins over a spent budget", Candidate(dnc: true, attempts: 9), new DialVerdict.Refused(DialRefusal.DoNotCall) },
        { "budget spent", Candidate(attempts: 3), new DialVerdict.Refused(DialRefusal.BudgetExhausted) },
        { "budget lowered below what was used", Candidate(attempts: 5, today: 0), new DialVerdict.Refused(DialRefusal.BudgetExhausted) },
        { "budget left", Candidate(attempts: 2, today: 1, dials: HoursAgo(30)), DialVerdict.Allow },
        { "today's cap used", Candidate(attempts: 2, today: 2), new DialVerdict.Refused(DialRefusal.DailyCap) },
        { "contact's own zone is at night (New York 22:00)", Candidate(zone: "America/New_York"),
            new DialVerdict.Refused(DialRefusal.OutsideWindow, new DateTimeOffset(2025, 6, 11, 9, 0, 0, TimeSpan.FromHours(-4))) },
        { "two dials in the last 24 h", Candidate(attempts: 1, today: 1, dials: [HoursAgo(1), HoursAgo(20)]),
            new DialVerdict.Refused(DialRefusal.FrequencyCap, Now.AddHours(4)) },
        { "one dial in the last 24 h, one older", Candidate(attempts: 1, today: 1, dials: [HoursAgo(1), HoursAgo(25)]), DialVerdict.Allow },
        { "five dials in 7 days", Candidate(dials: [HoursAgo(30), HoursAgo(50), HoursAgo(80), HoursAgo(100), HoursAgo(150)]),
            new DialVerdict.Refused(DialRefusal.FrequencyCap, Now.AddHours(-150).AddDays(7)) },
        { "both caps reached: the later freeing counts", Candidate(dials: [HoursAgo(1), HoursAgo(2), HoursAgo(80), HoursAgo(100), HoursAgo(160)]),
            new DialVerdict.Refused(DialRefusal.FrequencyCap, Now.AddHours(22)) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    internal void Decides_as_the_table_says(string because, DialCandidate candidate, DialVerdict expected)
    {
        Assert.True(expected == DialGate.Check(candidate, Retry, Schedule, Caps, Now), because);
    }

    [Fact]
    public void A_blackout_date_is_told_apart_from_a_closed_window()
    {
        var schedule = Schedule with { BlackoutDates = [new DateOnly(2025, 6, 11)] };

        var verdict = DialGate.Check(Candidate(), Retry, schedule, Caps, Now);

        Assert.Equal(new DialVerdict.Refused(DialRefusal.Blackout, new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8))), verdict);
    }

    [Fact]
    public void Caps_of_zero_are_off()
    {
        var dials = Enumerable.Range(1, 20).Select(h => HoursAgo(h, "+861062345678")).ToArray();

        Assert.Equal(DialVerdict.Allow, DialGate.Check(Candidate(dials: dials), Retry, Schedule, FrequencyCaps.Off, Now, "+861062345678"));
    }

    [Fact]
    public void The_caller_number_cap_counts_only_dials_from_that_number()
    {
        var dials = new[] { HoursAgo(3, "+861062345678") };

        Assert.Equal(new DialVerdict.Refused(DialRefusal.FrequencyCap, Now.AddHours(21)),
            DialGate.Check(Candidate(dials: dials), Retry, Schedule, Caps, Now, "+861062345678"));
        Assert.Equal(DialVerdict.Allow, DialGate.Check(Candidate(dials: dials), Retry, Schedule, Caps, Now, "+861062345679"));
        Assert.Equal(["+861062345678"], DialGate.CappedCallerNumbers(dials, Caps, Now));
    }

    [Fact]
    public void Every_refusal_has_one_stored_name_that_reads_back()
    {
        var names = DialRefusals.All.Select(r => r.ToName()).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(DialRefusals.All, r => Assert.Equal(r, DialRefusals.Parse(r.ToName())));
    }
}
