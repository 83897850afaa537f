using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Dispatch;

/// <summary>Where a contact the dial gate refused goes, for every refusal.</summary>
public class ContactMoveTests
{
    private static readonly DateTimeOffset Opening = new(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8));

    public static IEnumerable<object[]> Table() => new TheoryData<DialRefusal, DateTimeOffset?, ContactState, DateTimeOffset?>()
    {
        { DialRefusal.DoNotCall, null, ContactState.Suppressed, null },
        { DialRefusal.BudgetExhausted, null, ContactState.Done, null },
        { DialRefusal.DailyCap, null, ContactState.Deferred, null },
        { DialRefusal.OutsideWindow, Opening, ContactState.Pending, Opening },
        { DialRefusal.Blackout, Opening, ContactState.Pending, Opening },
        { DialRefusal.Holiday, Opening, ContactState.Pending, Opening },
        { DialRefusal.FrequencyCap, Opening, ContactState.Pending, Opening },
        // Not dialled because the campaign stopped: it waits, due as it was, for the campaign to run again.
        { DialRefusal.CampaignNotRunning, null, ContactState.Pending, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    internal void A_refused_contact_goes_where_its_reason_says(DialRefusal reason, DateTimeOffset? notBefore, ContactState state, DateTimeOffset? due)
    {
        var move = ContactMove.Refusing(42, new DialVerdict.Refused(reason, notBefore));

        Assert.Equal(new ContactMove(42, state, due, reason, Refund: false), move);
    }

    [Fact]
    public void A_lease_given_back_gets_its_attempt_back()
    {
        Assert.True(ContactMove.Refusing(42, new DialVerdict.Refused(DialRefusal.DoNotCall), refund: true).Refund);
    }

    [Fact]
    public void Every_refusal_has_a_row_in_the_table()
    {
        Assert.Equal(DialRefusals.All.Order(), Table().Select(row => (DialRefusal)row[0]).Order());
    }

    [Fact]
    public void The_second_check_judges_the_contact_as_it_was_before_the_lease()
    {
        var recheck = new LeaseRecheck(true, CampaignSettings.Default("Asia/Shanghai"), false, Attempts: 2, AttemptsToday: 1, "Asia/Tokyo", [], AttemptStatus.Dialing);

        Assert.Equal(new DialCandidate(true, false, 1, 0, "Asia/Tokyo", recheck.OtherDials), recheck.BeforeLease());
    }
}
