namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>A campaign's progress as the dialer sees it: the maintained counters, live attempts and outcome counts.</summary>
internal sealed record DialingProgress(
    long CampaignId,
    long Contacts,
    long Pending,
    long Dialing,
    long Deferred,
    long Suppressed,
    long Done,
    long LiveAttempts,
    IReadOnlyDictionary<string, long> Outcomes)
{
    public long Attempts => Outcomes.Values.Sum() + LiveAttempts;
    public long Final => Done + Suppressed;
    public long Open => Pending + Dialing + Deferred;
    public bool Finished => Open == 0 && LiveAttempts == 0;
}
