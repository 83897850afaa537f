using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Settlement;

public class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(CallOutcome.Busy, 30)]
    [InlineData(CallOutcome.NoAnswer, 120)]
    [InlineData(CallOutcome.Rejected, 120)]
    [InlineData(CallOutcome.Failed, 10)]
    [InlineData(CallOutcome.Unknown, 30)]
    internal void Retryable_outcomes_are_retried_after_their_default_delay(CallOutcome outcome, int minutes)
    {
        var decision = new RetryPolicy().Decide(outcome, attemptsSoFar: 1, attemptsToday: 1, Now);

        Assert.Equal(new RetryDecision.RetryAt(Now.AddMinutes(minutes)), decision);
    }

    [Fact]
    public void Configured_delays_replace_the_defaults()
    {
        var policy = new RetryPolicy
        {
            Delays = new Dictionary<CallOutcome, TimeSpan>(RetryPolicy.DefaultDelays) { [CallOutcome.Busy] = TimeSpan.FromMinutes(5) },
        };

        Assert.Equal(new RetryDecision.RetryAt(Now.AddMinutes(5)), policy.Decide(CallOutcome.Busy, 1, 1, Now));
        Assert.Equal(new RetryDecision.RetryAt(Now.AddHours(2)), policy.Decide(CallOutcome.NoAnswer, 1, 1, Now));
    }

    [Theory]
    [InlineData(CallOutcome.Answered, 1)]
    [InlineData(CallOutcome.Blacklisted, 1)]
    [InlineData(CallOutcome.Invalid, 1)]
    // On the last attempt the final outcome is still the reason, not the exhausted budget.
    [InlineData(CallOutcome.Answered, 3)]
    internal void Final_outcomes_stop_at_once(CallOutcome outcome, int attempt)
    {
        var decision = new RetryPolicy().Decide(outcome, attempt, 1, Now);

        Assert.Equal(new RetryDecision.Final(outcome, FinalReason.FinalOutcome), decision);
    }

    [Fact]
    public void Final_outcomes_are_configurable()
    {
        var policy = new RetryPolicy { FinalOutcomes = new HashSet<CallOutcome> { CallOutcome.Answered, CallOutcome.Rejected } };

        Assert.Equal(new RetryDecision.Final(CallOutcome.Rejected, FinalReason.FinalOutcome), policy.Decide(CallOutcome.Rejected, 1, 1, Now));
        Assert.Equal(new RetryDecision.RetryAt(Now.AddMinutes(30)), policy.Decide(CallOutcome.Busy, 1, 1, Now));
        // No longer final and without a delay of its own: nothing says when to retry it.
        Assert.Equal(new RetryDecision.Final(CallOutcome.Blacklisted, FinalReason.NotRetryable), policy.Decide(CallOutcome.Blacklisted, 1, 1, Now));
    }

    [Theory]
    [InlineData(CallOutcome.Busy)]
    [InlineData(CallOutcome.Unknown)]
    internal void The_last_attempt_of_the_budget_is_final_whatever_the_outcome(CallOutcome outcome)
    {
        var decision = new RetryPolicy { MaxAttempts = 3, MaxAttemptsPerDay = 3 }.Decide(outcome, attemptsSoFar: 3, attemptsToday: 1, Now);

        Assert.Equal(new RetryDecision.Final(outcome, FinalReason.BudgetExhausted), decision);
    }

    [Theory]
    // Default cap: 2 a day, budget 3.
    [InlineData(2, 2, typeof(RetryDecision.NextDay))]
    [InlineData(2, 1, typeof(RetryDecision.RetryAt))]
    [InlineData(3, 2, typeof(RetryDecision.Final))] // the budget outranks the day
    [InlineData(1, 1, typeof(RetryDecision.RetryAt))]
    public void The_per_day_cap_defers_to_the_nightly_batch_while_budget_is_left(int attemptsSoFar, int attemptsToday, Type expected)
    {
        var decision = new RetryPolicy().Decide(CallOutcome.NoAnswer, attemptsSoFar, attemptsToday, Now);

        Assert.IsType(expected, decision, exactMatch: true);
    }

    [Fact]
    public void An_outcome_that_is_neither_final_nor_has_a_delay_is_not_retried()
    {
        var policy = new RetryPolicy { Delays = new Dictionary<CallOutcome, TimeSpan> { [CallOutcome.Busy] = TimeSpan.Zero } };

        Assert.Equal(new RetryDecision.Final(CallOutcome.Failed, FinalReason.NotRetryable), policy.Decide(CallOutcome.Failed, 1, 1, Now));
        Assert.Equal(new RetryDecision.RetryAt(Now), policy.Decide(CallOutcome.Busy, 1, 1, Now));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    public void Attempt_counts_must_include_the_attempt_that_just_ended(int attemptsSoFar, int attemptsToday)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy().Decide(CallOutcome.Busy, attemptsSoFar, attemptsToday, Now));
    }

    [Fact]
    public void No_mix_of_outcomes_ever_exceeds_the_budget()
    {
        var random = new Random(1234);
        var outcomes = CallOutcomes.All;
        var budgetExhaustions = 0;
        var nextDays = 0;

        for (var contact = 0; contact < 5_000; contact++)
        {
            var policy = new RetryPolicy
            {
                MaxAttempts = random.Next(1, 8),
                MaxAttemptsPerDay = random.Next(1, 5),
                // Sometimes nothing but answered is final, so long runs of every other outcome occur.
                FinalOutcomes = random.Next(2) == 0
                    ? RetryPolicy.DefaultFinalOutcomes
                    : new HashSet<CallOutcome> { CallOutcome.Answered },
                Delays = outcomes.ToDictionary(o => o, _ => TimeSpan.FromMinutes(random.Next(0, 180))),
            };
            var now = Now;
            int attempts = 0, today = 0;

            while (true)
            {
                attempts++;
                today++;
                Assert.True(attempts <= policy.MaxAttempts, $"attempt {attempts} of {policy.MaxAttempts}");

                var outcome = outcomes[random.Next(outcomes.Count)];
                var decision = policy.Decide(outcome, attempts, today, now);

                if (decision is RetryDecision.Final final)
                {
                    Assert.Equal(outcome, final.Outcome);
                    Assert.Equal(policy.FinalOutcomes.Contains(outcome) ? FinalReason.FinalOutcome : FinalReason.BudgetExhausted, final.Reason);
                    if (final.Reason == FinalReason.BudgetExhausted)
                    {
                        Assert.Equal(policy.MaxAttempts, attempts);
                        budgetExhaustions++;
                    }

                    break;
                }

                Assert.DoesNotContain(outcome, policy.FinalOutcomes);
                if (decision is RetryDecision.NextDay)
                {
                    Assert.Equal(policy.MaxAttemptsPerDay, today);
                    nextDays++;
                    now = now.AddDays(1);
                    today = 0;
                }
                else
                {
                    var retry = Assert.IsType<RetryDecision.RetryAt>(decision);
                    Assert.Equal(now + policy.Delays[outcome], retry.Due);
                    Assert.True(today < policy.MaxAttemptsPerDay);
                    now = retry.Due;
                }
            }
        }

        // The run must have exercised both limits, or it proved nothing about them.
        Assert.True(budgetExhaustions > 500, $"{budgetExhaustions} budget exhaustions");
        Assert.True(nextDays > 500, $"{nextDays} next-day deferrals");
    }

    [Fact]
    public void The_default_policy_is_valid()
    {
        Assert.Empty(new RetryPolicy().Validate());
    }

    public static IEnumerable<object[]> InvalidPolicies => new TheoryData<RetryPolicy, string>()
    {
        { new RetryPolicy { MaxAttempts = 0 }, "max_attempts" },
        { new RetryPolicy { MaxAttemptsPerDay = 0 }, "max_attempts_per_day" },
        { new RetryPolicy { Delays = new Dictionary<CallOutcome, TimeSpan>(RetryPolicy.DefaultDelays) { [CallOutcome.Busy] = TimeSpan.FromMinutes(-1) } }, "delays.busy" },
        { new RetryPolicy { Delays = RetryPolicy.DefaultDelays.Where(d => d.Key != CallOutcome.NoAnswer).ToDictionary() }, "delays.no_answer" },
        { new RetryPolicy { FinalOutcomes = new HashSet<CallOutcome> { CallOutcome.Answered } }, "delays.blacklisted,delays.invalid" },
        { new RetryPolicy { Delays = null!, MaxAttempts = -1 }, "max_attempts,delays" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    internal void Validate_names_the_fields_in_error(RetryPolicy policy, string fields)
    {
        Assert.Equal(fields.Split(','), policy.Validate().Select(e => e.Field));
    }

    [Fact]
    public void A_final_outcome_needs_no_delay()
    {
        var policy = new RetryPolicy
        {
            FinalOutcomes = new HashSet<CallOutcome>(RetryPolicy.DefaultFinalOutcomes) { CallOutcome.Rejected },
            Delays = RetryPolicy.DefaultDelays.Where(d => d.Key != CallOutcome.Rejected).ToDictionary(),
        };

        Assert.Empty(policy.Validate());
    }
}
