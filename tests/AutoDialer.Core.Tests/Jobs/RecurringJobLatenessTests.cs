using AutoDialer.Core.Jobs;

namespace AutoDialer.Core.Tests.Jobs;

public sealed class RecurringJobLatenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, null)] // disabled: no next run, shown by its error instead
    [InlineData(60, null)] // due in a minute
    [InlineData(0, null)] // due now
    [InlineData(-1, null)] // a second past due: the scheduler's next poll takes it
    [InlineData(-30, null)] // exactly the tolerance
    [InlineData(-31, 31)]
    [InlineData(-600, 600)] // a dead node's lock under Hangfire's default timeout
    public void A_recurring_job_is_late_only_when_its_next_run_is_past_due_by_more_than_the_tolerance(int? nextInSeconds, int? lateSeconds) =>
        Assert.Equal(lateSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            RecurringJobLateness.LateBy(nextInSeconds is { } n ? Now.AddSeconds(n) : null, Now));
}
