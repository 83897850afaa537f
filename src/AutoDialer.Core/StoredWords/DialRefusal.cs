namespace AutoDialer.Core.Dialing;

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
