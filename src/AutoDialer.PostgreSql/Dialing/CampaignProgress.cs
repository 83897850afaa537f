namespace AutoDialer.PostgreSql.Dialing;

/// <summary>A campaign's progress from its maintained counters (no scan of its contacts).</summary>
public sealed record CampaignProgress(
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
