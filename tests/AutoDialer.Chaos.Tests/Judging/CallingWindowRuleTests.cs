using AutoDialer.Chaos.Judging;
using AutoDialer.Core.Campaigns;

namespace AutoDialer.Chaos.Tests.Judging;

public sealed class CallingWindowRuleTests
{
    /// <summary>16:00 in Shanghai.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(10);

    /// <summary>Open every day from 09:00 to 16:01 in Shanghai: it closes a minute after <see cref="T0"/>.</summary>
    private static readonly CallingSchedule ClosingAt1601 = CallingSchedule.Create("Asia/Shanghai",
        Enum.GetValues<DayOfWeek>().Select(day => new CallingWindow(day, new TimeOnly(9, 0), new TimeOnly(16, 1))).ToList());

    private static ChaosVerdict Judge(params double[] callsAt)
    {
        var dials = callsAt.Select((at, i) => new TruthDial($"{i + 1}", $"agent-{i + 1:000}", $"1380000000{i}", "02161230001", T0.AddSeconds(at), null)).ToList();
        var ends = dials.Select(d => new TruthEnd(d.BusinessId, "no_answer", 5, 0, d.At.AddSeconds(5))).ToList();
        var attempts = dials.Select((d, i) => new DialerAttempt(i + 1, i + 1, "+86" + d.Number, "settled", "no_answer", true) { CampaignId = 1 }).ToList();
        var campaigns = new Dictionary<long, JudgedCampaign> { [1] = new(ClosingAt1601, AnsweredIsFinal: true, new HashSet<string>(), Lateness) };
        return ChaosJudge.Judge(new TruthFile(dials, ends), attempts, new OperatorActions(), TimeSpan.Zero, campaigns: campaigns);
    }

    [Fact]
    public void Calls_inside_the_window_are_not_violations()
    {
        var verdict = Judge(0, 30, 59);

        Assert.Equal(0, verdict.DialledOutsideWindow);
        Assert.Equal(0, verdict.Violations);
    }

    [Fact]
    public void A_call_that_arrived_within_the_make_call_deadline_after_the_close_passed_the_gate_while_open()
    {
        Assert.Equal(0, Judge(65).DialledOutsideWindow);
    }

    [Fact]
    public void A_call_past_the_close_and_its_deadline_and_one_before_the_opening_are_outside_the_window()
    {
        // 16:01:30 local, and 08:59 local the same day.
        var verdict = Judge(90, -(7 * 3600 + 60));

        Assert.Equal(2, verdict.DialledOutsideWindow);
        Assert.Equal(2, verdict.Violations);
        Assert.Contains(verdict.Examples, e => e.StartsWith("dialled_outside_window: call 1 ", StringComparison.Ordinal) && e.Contains("16:01:30", StringComparison.Ordinal));
    }
}
