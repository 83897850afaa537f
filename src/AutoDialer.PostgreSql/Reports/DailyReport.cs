using AutoDialer.Core.Reports;

namespace AutoDialer.PostgreSql.Reports;

/// <summary>
/// One campaign's day of calls, in the campaign's time zone: every dial (attempt) made that day, how many were answered,
/// and the talk time, in total and by hour, agent, caller number and outcome, and the dials by disposition. A day the nightly batch closed is read as
/// it stored it (<see cref="Closed"/>, with what the batch did to the contacts in <see cref="Close"/>); any other day
/// (today, or a day no batch has closed) is computed from the attempts when asked.
/// </summary>
internal sealed record DailyReport(
    long CampaignId,
    string Campaign,
    DateOnly Day,
    string TimeZone,
    bool Closed,
    DateTimeOffset? ClosedAt,
    DateTimeOffset ComputedAt,
    CallTotals Totals,
    IReadOnlyList<HourCalls> ByHour,
    IReadOnlyList<AgentCalls> ByAgent,
    IReadOnlyList<CallerNumberCalls> ByCallerNumber,
    IReadOnlyList<OutcomeCalls> ByOutcome,
    DayClose? Close)
{
    /// <summary>The day's dials by the disposition their agent recorded (dials without one are not listed), most first.
    /// Empty in a report the nightly batch stored before reports had it.</summary>
    public IReadOnlyList<DispositionCalls> ByDisposition { get; init; } = [];
}

/// <param name="Dials">Attempts made (created) that day, whatever became of them.</param>
/// <param name="Answered">Of those, the ones answered.</param>
/// <param name="TalkSeconds">Their talk time, in seconds.</param>
internal sealed record CallTotals(long Dials, long Answered, long TalkSeconds)
{
    public double? AnswerRate => CallRates.AnswerRate(Answered, Dials);
    public double? AverageTalkSeconds => CallRates.AverageTalkSeconds(TalkSeconds, Answered);
}

/// <param name="Hour">0–23, local to the campaign's time zone.</param>
internal sealed record HourCalls(int Hour, long Dials, long Answered, long TalkSeconds)
{
    public double? AnswerRate => CallRates.AnswerRate(Answered, Dials);
    public double? AverageTalkSeconds => CallRates.AverageTalkSeconds(TalkSeconds, Answered);
}

internal sealed record AgentCalls(string AgentId, long Dials, long Answered, long TalkSeconds)
{
    public double? AnswerRate => CallRates.AnswerRate(Answered, Dials);
    public double? AverageTalkSeconds => CallRates.AverageTalkSeconds(TalkSeconds, Answered);
}

/// <param name="CallerNumberId">The caller number's id in the campaign's settings; null for dials shown without one (the pool's or the line's default).</param>
internal sealed record CallerNumberCalls(string? CallerNumberId, string? CallerNumber, long Dials, long Answered, long TalkSeconds)
{
    public double? AnswerRate => CallRates.AnswerRate(Answered, Dials);
    public double? AverageTalkSeconds => CallRates.AverageTalkSeconds(TalkSeconds, Answered);
}

/// <param name="Outcome">A call outcome, or <see cref="DailyReports.InProgress"/> for dials not settled yet.</param>
internal sealed record OutcomeCalls(string Outcome, long Dials);

/// <param name="Code">The disposition code the agent recorded.</param>
/// <param name="Effect">Its effect when it was recorded (a <c>DispositionEffects</c> name).</param>
internal sealed record DispositionCalls(string Code, string Effect, long Dials);

/// <summary>What the nightly batch did when it closed the day, and the campaign's contacts right after.</summary>
internal sealed record DayClose(long Rescheduled, long Finalised, long Contacts, long Pending, long Deferred, long Suppressed, long Done);
