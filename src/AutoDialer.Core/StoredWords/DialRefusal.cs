namespace AutoDialer.Core.StoredWords;

/// <summary>Why the dial gate refused a contact, in the order the gate asks.</summary>
public enum DialRefusal
{
    CampaignNotRunning,
    DoNotCall,
    BudgetExhausted,
    DailyCap,
    Blackout,
    OutsideWindow,
    FrequencyCap,
}
