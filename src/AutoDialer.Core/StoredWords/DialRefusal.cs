namespace AutoDialer.Core.StoredWords;

/// <summary>Why the dial gate refused a contact, in the order the gate asks.</summary>
public enum DialRefusal
{
    CampaignNotRunning,
    DoNotCall,
    BudgetExhausted,
    DailyCap,
    Blackout,

    /// <summary>A day off of the national holiday calendar the campaign follows.</summary>
    Holiday,
    OutsideWindow,
    FrequencyCap,
}
