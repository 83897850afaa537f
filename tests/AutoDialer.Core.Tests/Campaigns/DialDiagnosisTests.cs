using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Campaigns;

public class DialDiagnosisTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 11, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly CampaignSettings Settings = CampaignSettings.Default("Asia/Shanghai") with
    {
        Retry = new RetryPolicy { MaxAttempts = 3, MaxAttemptsPerDay = 2 },
    };

    [Theory]
    [InlineData(true, false, 0, 0, null, false, "ready")]
    [InlineData(false, false, 0, 0, null, false, "campaign_not_running")]
    [InlineData(true, true, 0, 0, null, false, "do_not_call")]
    [InlineData(true, false, 3, 0, null, false, "budget_exhausted")]
    [InlineData(true, false, 2, 2, null, false, "daily_cap")]
    [InlineData(true, false, 0, 0, "America/New_York", false, "outside_window")]
    [InlineData(true, false, 1, 1, null, true, "frequency_cap")]
    public void A_due_contact_gets_the_gate_s_reason(bool running, bool dnc, int attempts, int today, string? zone, bool capped, string reason)
    {
        Assert.Equal(reason, DialDiagnosis.ForDue(running, dnc, attempts, today, zone, capped, Settings, Now));
    }

    [Fact]
    public void A_waiting_contact_keeps_the_reason_the_gate_gave_it_else_waits_for_its_retry()
    {
        Assert.Equal("frequency_cap", DialDiagnosis.ForWaiting(true, "frequency_cap"));
        Assert.Equal("waiting_for_retry", DialDiagnosis.ForWaiting(true, null));
        Assert.Equal("campaign_not_running", DialDiagnosis.ForWaiting(false, "frequency_cap"));
    }

    [Fact]
    public void A_contact_s_own_reason_follows_its_state_and_due_time()
    {
        Assert.Equal("do_not_call", DialDiagnosis.ForContact(ContactState.Suppressed, null, Now, Now));
        Assert.Equal("daily_cap", DialDiagnosis.ForContact(ContactState.Deferred, null, Now, Now));
        Assert.Equal("outside_window", DialDiagnosis.ForContact(ContactState.Pending, "outside_window", Now.AddHours(1), Now));
        Assert.Equal("waiting_for_retry", DialDiagnosis.ForContact(ContactState.Pending, null, Now.AddHours(1), Now));
        Assert.Null(DialDiagnosis.ForContact(ContactState.Pending, null, Now, Now));
        Assert.Null(DialDiagnosis.ForContact(ContactState.Done, null, Now, Now));
    }
}
