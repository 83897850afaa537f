namespace AutoDialer.Core.Dispatch;

/// <summary>What the dial gate knows about one contact at the moment of deciding, read from the database just before.</summary>
/// <param name="CampaignRunning">The campaign's state is running now.</param>
/// <param name="OnDoNotCall">The number is on the do-not-call list now.</param>
/// <param name="Attempts">Attempts of this contact before the one being decided.</param>
/// <param name="AttemptsToday">Of those, the ones made today (the nightly batch starts the count again).</param>
/// <param name="TimeZone">The contact's own IANA zone, if it has one.</param>
/// <param name="RecentDials">Earlier dials of this number by any campaign within the caps' lookback, the one being decided excluded.</param>
internal sealed record DialCandidate(
    bool CampaignRunning,
    bool OnDoNotCall,
    int Attempts,
    int AttemptsToday,
    string? TimeZone,
    IReadOnlyList<CalleeDial> RecentDials);
