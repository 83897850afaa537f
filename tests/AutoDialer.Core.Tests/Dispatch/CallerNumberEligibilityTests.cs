using AutoDialer.Core.Dispatch;
using static AutoDialer.Core.Tests.Dispatch.Choices;

namespace AutoDialer.Core.Tests.Dispatch;

public class CallerNumberEligibilityTests
{
    [Theory]
    // Resting: only a rest that ends after now excludes.
    [InlineData(0, 0, null, 0, true)]
    [InlineData(0, 0, 60, 0, false)]
    [InlineData(0, 0, 0, 0, true)]
    [InlineData(0, 0, -60, 0, true)]
    // Own cap.
    [InlineData(5, 4, null, 0, true)]
    [InlineData(5, 5, null, 0, false)]
    [InlineData(5, 9, null, 0, false)]
    // No cap anywhere: unlimited.
    [InlineData(0, 100_000, null, 0, true)]
    // No own cap: the default applies; an own cap overrides the default either way.
    [InlineData(0, 3, null, 3, false)]
    [InlineData(0, 2, null, 3, true)]
    [InlineData(10, 3, null, 3, true)]
    [InlineData(2, 2, null, 3, false)]
    // Resting wins over room under the cap.
    [InlineData(5, 0, 60, 0, false)]
    public void A_number_is_eligible_when_not_resting_and_under_its_daily_cap(
        int ownCap, int usedToday, int? restedForSeconds, int defaultCap, bool eligible)
    {
        var number = Number("a", dailyCap: ownCap);
        var usage = Usage("a", usedToday, restedFor: restedForSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal(eligible, new CallerNumberEligibility(defaultCap).IsEligible(number, usage, Now));
    }

    [Fact]
    public void Eligible_lists_usable_numbers_in_id_order_and_treats_missing_usage_as_unused()
    {
        var request = Request(
            [Number("c", dailyCap: 1), Number("b"), Number("a"), Number("d")],
            [Usage("c", usedToday: 1), Usage("d", restedFor: TimeSpan.FromMinutes(5))]);

        var eligible = CallerNumberEligibility.Unlimited.Eligible(request);

        Assert.Equal(["a", "b"], eligible.Select(e => e.Number.Id));
        Assert.All(eligible, e =>
        {
            Assert.Equal(e.Number.Id, e.Usage.Id);
            Assert.Equal((0, null, null), (e.Usage.UsedToday, e.Usage.LastUsedAt, e.Usage.RestedUntil));
        });
    }
}
