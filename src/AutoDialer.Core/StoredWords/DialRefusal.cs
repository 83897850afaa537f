namespace AutoDialer.Core.StoredWords;

/// <summary>Why the dial gate refused a contact, in the order the gate asks; stored by its name in <see cref="DialRefusals"/>.</summary>
internal enum DialRefusal
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
