namespace AutoDialer.Chaos.Judging;

/// <summary>A contact as the dialer counts it at the end: <paramref name="Attempts"/> is the budget it spent (leases
/// minus the attempts given back because no call happened).</summary>
internal sealed record DialerContact(long Id, long CampaignId, string Phone, int Attempts);
