namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="DialRefusal"/>, in both directions: <c>dial_gate_refusals.reason</c>,
/// <c>contacts.wait_reason</c>, diagnostics and the API.
/// </summary>
internal static class DialRefusals
{
    public const string CampaignNotRunning = "campaign_not_running";
    public const string DoNotCall = "do_not_call";
    public const string BudgetExhausted = "budget_exhausted";
    public const string DailyCap = "daily_cap";
    public const string Blackout = "blackout";
    public const string Holiday = "holiday";
    public const string OutsideWindow = "outside_window";
    public const string FrequencyCap = "frequency_cap";

    /// <summary>Every refusal, in declaration order (the order the gate asks).</summary>
    public static IReadOnlyList<DialRefusal> All { get; } = Array.AsReadOnly(Enum.GetValues<DialRefusal>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this DialRefusal refusal) => refusal switch
    {
        DialRefusal.CampaignNotRunning => CampaignNotRunning,
        DialRefusal.DoNotCall => DoNotCall,
        DialRefusal.BudgetExhausted => BudgetExhausted,
        DialRefusal.DailyCap => DailyCap,
        DialRefusal.Blackout => Blackout,
        DialRefusal.Holiday => Holiday,
        DialRefusal.OutsideWindow => OutsideWindow,
        DialRefusal.FrequencyCap => FrequencyCap,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a defined dial refusal."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a dial refusal: the row was written by something else.</exception>
    public static DialRefusal Parse(string name) => name switch
    {
        CampaignNotRunning => DialRefusal.CampaignNotRunning,
        DoNotCall => DialRefusal.DoNotCall,
        BudgetExhausted => DialRefusal.BudgetExhausted,
        DailyCap => DialRefusal.DailyCap,
        Blackout => DialRefusal.Blackout,
        Holiday => DialRefusal.Holiday,
        OutsideWindow => DialRefusal.OutsideWindow,
        FrequencyCap => DialRefusal.FrequencyCap,
        _ => throw new FormatException($"'{name}' is not a dial refusal."),
    };
}
